/**
 * Proxy mode: forward what posthog-js sends to PostHog. The upstream URL is *built* from the configured
 * origin and validated path segments, never resolved from the request; only allowlisted headers pass either
 * way; every upstream request has a deadline and dies with the visitor's connection.
 */
import { FirstpartyError, PayloadError, UpstreamError } from '../errors.js'
import type { IngestPath } from './path.js'
import type { RouteMatch } from './routes.js'

/** A checked upstream: an `http(s)` origin with nothing after it. */
export interface Upstream {
  api: string
  assets: string
}

/** Settings of one proxy, resolved from `ProxyOptions`. */
export interface ProxySettings {
  upstream: Upstream
  maxBodyBytes: number
  timeoutMs: number
  fetch: typeof fetch
}

/**
 * `https://eu.i.posthog.com` → `https://eu-assets.i.posthog.com`.
 * @example
 * ```ts
 * assetsHostFor('https://us.i.posthog.com') // 'https://us-assets.i.posthog.com'
 * ```
 */
export function assetsHostFor(upstream: string): string {
  return upstream.replace(/^(https?:\/\/)([a-z0-9-]+)\.i\.posthog\.com/i, '$1$2-assets.i.posthog.com')
}

/**
 * The origin of a configured upstream, or a one-line reason it is not one. Paths, credentials, queries and
 * fragments are refused: the proxy appends its own path to exactly this origin.
 */
export function upstreamOrigin(value: string | undefined, name: string): string {
  let url: URL
  try {
    url = new URL(value ?? '')
  } catch {
    throw new FirstpartyError(
      `createHandler: proxy mode needs "${name}", the PostHog host URL (e.g. https://eu.i.posthog.com); got ${JSON.stringify(value ?? '')}`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FirstpartyError(`createHandler: "${name}" must be http(s), not ${url.protocol}`)
  if (url.username || url.password) throw new FirstpartyError(`createHandler: "${name}" must not carry credentials`)
  if (url.pathname !== '/' || url.search || url.hash)
    throw new FirstpartyError(`createHandler: "${name}" must be an origin only (like https://eu.i.posthog.com), without a path, query or fragment`)
  return url.origin
}

/** Request headers that reach PostHog: what posthog-js sends and what PostHog reads. Nothing else. */
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'content-encoding',
  'user-agent',
  'accept',
  'accept-language',
  'origin',
  'referer',
  // posthog-js's own tracing headers (`__add_tracing_headers`)
  'x-posthog-session-id',
  'x-posthog-window-id',
  'x-posthog-distinct-id',
]

/** Response headers that reach the visitor. Never `Set-Cookie`, never a redirect `Location`. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'expires',
  'etag',
  'last-modified',
  'retry-after',
  'vary',
  // PostHog's CORS answer, for sites whose api_host is another origin of theirs
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
]

const MAX_QUERY = 2048
const NULL_BODY_STATUS = new Set([204, 205, 304])

/**
 * The upstream URL for a validated path: configured origin + `/` + segments (+ `/`) + re-encoded query.
 * The origin check afterwards is defence in depth; the construction is what keeps the host fixed.
 */
export function upstreamUrl(path: IngestPath, route: RouteMatch, search: string, upstream: Upstream): URL {
  const origin = route.host === 'assets' ? upstream.assets : upstream.api
  const query = search.length > 1 && search.length <= MAX_QUERY ? new URLSearchParams(search).toString() : ''
  const target = new URL(`${origin}/${path.segments.join('/')}${path.trailingSlash ? '/' : ''}${query ? `?${query}` : ''}`)
  if (target.origin !== origin) throw new UpstreamError(`built URL left ${origin}`, 502)
  return target
}

/** Pass the body through, counting bytes; past `max` the stream errors and `overLimit()` says so. */
function cappedBody(body: ReadableStream<Uint8Array>, max: number): { stream: ReadableStream<Uint8Array>; overLimit: () => boolean } {
  let size = 0
  let over = false
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength
        if (size > max) {
          over = true
          controller.error(new PayloadError(`body is over the ${max}-byte limit`, 413))
          return
        }
        controller.enqueue(chunk)
      },
    }),
  )
  return { stream, overLimit: () => over }
}

/**
 * Forward one request. Throws `PayloadError` (413) or `UpstreamError` (502 on connection errors and resets,
 * 504 on the deadline); the caller turns them into responses.
 */
export async function forward(request: Request, target: URL, clientIp: string | undefined, settings: ProxySettings): Promise<Response> {
  const declared = Number(request.headers.get('content-length'))
  if (declared > settings.maxBodyBytes) throw new PayloadError(`body of ${declared} bytes is over the ${settings.maxBodyBytes}-byte limit`, 413)

  const headers = new Headers()
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  if (clientIp) headers.set('x-forwarded-for', clientIp)

  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(new UpstreamError(`PostHog did not answer within ${settings.timeoutMs} ms`, 504)), settings.timeoutMs)
  ;(timer as { unref?: () => void }).unref?.()
  const signal = AbortSignal.any([deadline.signal, request.signal])
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null
  const body = hasBody && request.body ? cappedBody(request.body, settings.maxBodyBytes) : undefined

  let upstream: Response
  try {
    upstream = await settings.fetch(target, {
      method: request.method,
      headers,
      redirect: 'manual',
      signal,
      ...(body ? { body: body.stream, duplex: 'half' } : {}),
    } as RequestInit)
  } catch (error) {
    clearTimeout(timer)
    if (body?.overLimit()) throw new PayloadError(`body is over the ${settings.maxBodyBytes}-byte limit`, 413)
    if (deadline.signal.aborted) throw deadline.signal.reason as UpstreamError
    if (request.signal.aborted) throw new UpstreamError('the visitor went away', 502)
    throw new UpstreamError(`PostHog could not be reached: ${causeOf(error)}`, 502)
  }

  const out = new Headers()
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name)
    if (value !== null) out.set(name, value)
  }
  if (!upstream.body || NULL_BODY_STATUS.has(upstream.status)) {
    clearTimeout(timer)
    await upstream.body?.cancel().catch(() => {})
    return new Response(null, { status: upstream.status, headers: out })
  }
  // The deadline covers the response body too; it is cleared when the body ends. A visitor who stops reading
  // leaves the timer to fire on a finished request, which is harmless, and unref'd so it keeps no process alive.
  const relayed = upstream.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: () => clearTimeout(timer) }))
  return new Response(relayed, { status: upstream.status, headers: out })
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message
}
