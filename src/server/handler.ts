import { decodeBody, extractEvents, PayloadError, type CapturedEvent } from './decode.js'
import { readCapped } from './read.js'
import { PREFIX as LOG_PREFIX } from '../errors.js'
import { clientIpResolver, type ClientIpSource } from './client-ip.js'
import { parseIngestPath } from './path.js'
import { UpstreamError } from '../errors.js'
import { assetsHostFor, forward, upstreamOrigin, upstreamUrl, type ProxySettings } from './proxy.js'
import { matchRoute, REMOTE_CONFIG, remoteConfigJs, type Route } from './routes.js'

/** Facts about the request an event arrived in. */
export interface EventMeta {
  receivedAt: Date
  ip: string | undefined
  userAgent: string | undefined
  /** The path it was posted to, e.g. `/ingest/e/`. */
  path: string
}

interface CommonOptions {
  /** The path prefix posthog-js is pointed at (`apiHost`). @default '/ingest' */
  basePath?: string
  /** Largest accepted body in bytes. @default 1 MB (sink), 64 MB (proxy, session recordings are large) */
  maxBodyBytes?: number
  /** Called with one line per rejected request. @default console.warn */
  log?: (line: string) => void
  /**
   * Where the visitor's IP comes from (see {@link ClientIpSource}). Only sources the platform writes are
   * trusted: the socket under `toNodeListener`, the platform header on Vercel, Netlify and Cloudflare.
   * @default 'auto'
   */
  clientIp?: ClientIpSource
}

/** Sink mode: decode and keep events locally, answer posthog-js like PostHog does. */
export interface SinkOptions extends CommonOptions {
  mode?: 'sink'
  /** Receives every decoded event. Errors it throws become a 500 for that request only. */
  onEvent?: (event: CapturedEvent, meta: EventMeta) => void | Promise<void>
  /** Receives each request's events at once, after `onEvent`; one call per request (the dev store writes one line block). */
  onBatch?: (events: CapturedEvent[], meta: EventMeta) => void | Promise<void>
}

/** Proxy mode: forward requests to PostHog from your own origin (the reverse proxy PostHog recommends). */
export interface ProxyOptions extends CommonOptions {
  mode: 'proxy'
  /** PostHog ingestion origin, e.g. `https://eu.i.posthog.com`. Nothing but an origin: no path, no credentials. */
  upstream: string
  /** Assets origin (remote config and `/static/`). @default upstream with `.i.posthog.com` → `-assets.i.posthog.com` */
  assetsUpstream?: string
  /** How long PostHog may take, headers and body, before the visitor gets a 504 and the request is aborted. @default 10000 */
  timeoutMs?: number
  /** `fetch` used to reach PostHog. @default globalThis.fetch */
  fetch?: typeof fetch
}

/** A fetch-standard request handler: Next.js route handlers, Workers, Deno, Bun, or Node via `toNodeListener`. */
export type Handler = (request: Request) => Promise<Response>

const json = (status: number, body: unknown, headers: HeadersInit = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin')
  return origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'origin' } : {}
}

/** Read at most `max` bytes of the body; a larger body is a 413. */
async function readBody(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'))
  if (declared > max) throw new PayloadError(`body of ${declared} bytes is over the ${max}-byte limit`, 413)
  if (!request.body) return new Uint8Array()
  return readCapped(request.body, max, () => new PayloadError(`body is over the ${max}-byte limit`, 413))
}

/**
 * Create the handler for the ingest path: a local **sink** that decodes everything posthog-js sends,
 * or a **proxy** that forwards it to PostHog with the visitor's IP.
 * @example
 * ```ts
 * // app/ingest/[...path]/route.ts (Next.js)
 * import { createHandler } from 'firstparty/server'
 * const handler = createHandler({ mode: 'proxy', upstream: 'https://eu.i.posthog.com' })
 * export { handler as GET, handler as POST }
 * ```
 */
export function createHandler(options: SinkOptions | ProxyOptions = {}): Handler {
  const base = (options.basePath ?? '/ingest').replace(/\/+$/, '')
  const log = options.log ?? ((line: string) => console.warn(line))
  const clientIp = clientIpResolver(options.clientIp)
  const proxy: ProxySettings | undefined =
    options.mode === 'proxy'
      ? {
          upstream: {
            api: upstreamOrigin(options.upstream, 'upstream'),
            assets: upstreamOrigin(options.assetsUpstream ?? assetsHostFor(options.upstream ?? ''), 'assetsUpstream'),
          },
          maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
          timeoutMs: options.timeoutMs ?? 10_000,
          fetch: options.fetch ?? ((input, init) => fetch(input, init)),
        }
      : undefined
  const max = options.maxBodyBytes ?? 1024 * 1024

  const reject = (request: Request, pathname: string, status: number, message: string): Response => {
    log(`${LOG_PREFIX} ${status} ${request.method} ${printable(pathname)}: ${message}`)
    return json(status, { error: message }, corsHeaders(request))
  }

  return async (request) => {
    const url = new URL(request.url)
    const path = parseIngestPath(url.pathname, base)
    if (typeof path === 'string') return reject(request, url.pathname, 404, path)
    const route = matchRoute(path.segments)
    if (!route) return reject(request, url.pathname, 404, `unknown ingest path ${path.segments.join('/')}`)
    // Preflight is answered here, never forwarded: it carries nothing PostHog needs.
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...corsHeaders(request),
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '86400',
        },
      })
    }
    if (!route.methods.includes(request.method)) return reject(request, url.pathname, 405, `${url.pathname} takes ${route.methods.join(' or ')}`)

    if (proxy) {
      try {
        return await forward(request, upstreamUrl(path, route, url.search, proxy.upstream), clientIp(request), proxy)
      } catch (error) {
        if (error instanceof PayloadError || error instanceof UpstreamError) return reject(request, url.pathname, error.status, error.message)
        return reject(request, url.pathname, 502, `proxy failed: ${(error as Error).message}`)
      }
    }
    return sink(request, url, route.route, path.segments, options as SinkOptions, max, clientIp, (status, message) =>
      reject(request, url.pathname, status, message),
    )
  }
}

/** A path as it may appear in one log line: no control characters, bounded. */
function printable(pathname: string): string {
  const clean = pathname.replace(/[\u0000-\u001f\u007f]/g, '?')
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean
}

async function sink(
  request: Request,
  url: URL,
  route: Route,
  segments: string[],
  options: SinkOptions,
  max: number,
  clientIp: (request: Request) => string | undefined,
  reject: (status: number, message: string) => Response,
): Promise<Response> {
  const cors = corsHeaders(request)
  switch (route) {
    case 'flags':
      return json(200, { flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false }, cors)
    case 'config':
      return json(200, REMOTE_CONFIG, cors)
    case 'config-js':
      return new Response(remoteConfigJs(segments[1] ?? ''), { status: 200, headers: { 'content-type': 'application/javascript', ...cors } })
    case 'api':
      return json(200, {}, cors)
    case 'capture':
    case 'recording':
    case 'logs':
      break
    default:
      return reject(404, `the sink does not serve ${url.pathname}`)
  }
  let events: CapturedEvent[]
  try {
    events = route === 'logs' ? [] : extractEvents(await decodeBody(await readBody(request, max), url, max * 16))
  } catch (error) {
    if (error instanceof PayloadError) return reject(error.status, error.message)
    throw error
  }
  const meta: EventMeta = {
    receivedAt: new Date(),
    ip: clientIp(request),
    userAgent: request.headers.get('user-agent') ?? undefined,
    path: url.pathname,
  }
  try {
    if (options.onEvent) for (const event of events) await options.onEvent(event, meta)
    if (options.onBatch && events.length > 0) await options.onBatch(events, meta)
  } catch (error) {
    return reject(500, `storing the event failed: ${(error as Error).message}`)
  }
  // Exactly 200: posthog-js retries anything else below 400.
  return json(200, { status: 1 }, cors)
}
