import { decodeBody, extractEvents, PayloadError, type CapturedEvent } from './decode.js'
import { readCapped } from './read.js'
import { REMOTE_CONFIG, remoteConfigJs, routeOf } from './routes.js'

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
  /** The visitor's IP, for proxies behind another proxy. @default first of X-Forwarded-For, CF-Connecting-IP, X-Real-IP */
  clientIp?: (request: Request) => string | undefined
}

/** Sink mode: decode and keep events locally, answer posthog-js like PostHog does. */
export interface SinkOptions extends CommonOptions {
  mode?: 'sink'
  /** Receives every decoded event. Errors it throws become a 500 for that request only. */
  onEvent?: (event: CapturedEvent, meta: EventMeta) => void | Promise<void>
}

/** Proxy mode: forward requests to PostHog from your own origin (the reverse proxy PostHog recommends). */
export interface ProxyOptions extends CommonOptions {
  mode: 'proxy'
  /** PostHog ingestion host, e.g. `https://eu.i.posthog.com`. Assets go to its `-assets` twin. */
  upstream: string
  /** Assets host. @default upstream with `.i.posthog.com` → `-assets.i.posthog.com` */
  assetsUpstream?: string
  /** `fetch` used to reach PostHog. @default globalThis.fetch */
  fetch?: typeof fetch
}

/** A fetch-standard request handler: Next.js route handlers, Workers, Deno, Bun, or Node via `toNodeListener`. */
export type Handler = (request: Request) => Promise<Response>

const json = (status: number, body: unknown, headers: HeadersInit = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin')
  return origin
    ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'origin' }
    : {}
}

function defaultClientIp(request: Request): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || request.headers.get('cf-connecting-ip') || request.headers.get('x-real-ip') || undefined
}

/** Read at most `max` bytes of the body; a larger body is a 413. */
async function readBody(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'))
  if (declared > max) throw new PayloadError(`body of ${declared} bytes is over the ${max}-byte limit`, 413)
  if (!request.body) return new Uint8Array()
  return readCapped(request.body, max, () => new PayloadError(`body is over the ${max}-byte limit`, 413))
}

/** `https://eu.i.posthog.com` → `https://eu-assets.i.posthog.com`. */
export function assetsHostFor(upstream: string): string {
  return upstream.replace(/^(https?:\/\/)([a-z0-9-]+)\.i\.posthog\.com/i, '$1$2-assets.i.posthog.com')
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
  const clientIp = options.clientIp ?? defaultClientIp
  const proxy = options.mode === 'proxy' ? options : undefined
  if (proxy && !/^https?:\/\//.test(proxy.upstream ?? '')) {
    throw new TypeError('createHandler: proxy mode needs "upstream", the PostHog host URL (e.g. https://eu.i.posthog.com)')
  }
  const max = options.maxBodyBytes ?? (proxy ? 64 * 1024 * 1024 : 1024 * 1024)

  const reject = (request: Request, status: number, message: string): Response => {
    log(`[firstparty] ${status} ${request.method} ${new URL(request.url).pathname}: ${message}`)
    return json(status, { error: message }, corsHeaders(request))
  }

  return async (request) => {
    const url = new URL(request.url)
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return reject(request, 404, `not under ${base}`)
    const path = url.pathname.slice(base.length) || '/'
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: { ...corsHeaders(request), 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' },
      })
    }
    if (proxy) return forward(request, url, path, proxy, max, clientIp).catch((e: unknown) => reject(request, e instanceof PayloadError ? e.status : 502, (e as Error).message))

    const route = routeOf(path)
    const cors = corsHeaders(request)
    switch (route) {
      case 'flags':
        return json(200, { flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false }, cors)
      case 'config':
        return json(200, REMOTE_CONFIG, cors)
      case 'config-js':
        return new Response(remoteConfigJs(path.split('/')[2] ?? ''), { status: 200, headers: { 'content-type': 'application/javascript', ...cors } })
      case 'capture':
      case 'recording':
        break
      default:
        return reject(request, 404, `unknown ingest path ${path}`)
    }
    if (request.method !== 'POST') return reject(request, 405, `${path} takes POST`)
    let events: CapturedEvent[]
    try {
      events = extractEvents(await decodeBody(await readBody(request, max), url, max * 16))
    } catch (error) {
      if (error instanceof PayloadError) return reject(request, error.status, error.message)
      throw error
    }
    const meta: EventMeta = {
      receivedAt: new Date(),
      ip: clientIp(request),
      userAgent: request.headers.get('user-agent') ?? undefined,
      path: url.pathname,
    }
    const onEvent = (options as SinkOptions).onEvent
    try {
      if (onEvent) for (const event of events) await onEvent(event, meta)
    } catch (error) {
      return reject(request, 500, `storing the event failed: ${(error as Error).message}`)
    }
    // Exactly 200: posthog-js retries anything else below 400.
    return json(200, { status: 1 }, cors)
  }
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'cookie', 'content-length']

async function forward(request: Request, url: URL, path: string, o: ProxyOptions, max: number, clientIp: (r: Request) => string | undefined): Promise<Response> {
  const route = routeOf(path)
  const host = route === 'asset' || route === 'config' || route === 'config-js' ? (o.assetsUpstream ?? assetsHostFor(o.upstream)) : o.upstream
  const target = new URL(path + url.search, host.replace(/\/+$/, '') + '/')
  const headers = new Headers(request.headers)
  // The site's cookies are the site's business, not PostHog's.
  for (const h of HOP_BY_HOP) headers.delete(h)
  const ip = clientIp(request)
  if (ip) headers.set('x-forwarded-for', ip)
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBody(request, max)
  const upstream = await (o.fetch ?? fetch)(target, { method: request.method, headers, ...(body ? { body: body as BodyInit } : {}), redirect: 'manual' })
  const out = new Headers(upstream.headers)
  out.delete('content-encoding') // fetch already decoded it
  out.delete('content-length')
  out.delete('set-cookie')
  return new Response(upstream.body, { status: upstream.status, headers: out })
}
