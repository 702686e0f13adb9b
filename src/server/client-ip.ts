/**
 * Where the visitor's IP comes from. A header a visitor can set (a plain `X-Forwarded-For`) is never
 * trusted by default: each source below is one that only the platform in front of the handler can write.
 */

/**
 * - `'auto'` (default): the socket address when the request came through `toNodeListener`, else the
 *   platform's header when the handler runs on Vercel, Netlify or Cloudflare Workers, else none.
 * - `'socket'`: the TCP peer (`toNodeListener` only).
 * - `'cloudflare'`: `CF-Connecting-IP`. `'vercel'`: `X-Vercel-Forwarded-For`, then `X-Real-IP`.
 *   `'netlify'`: `X-Nf-Client-Connection-Ip`.
 * - a function: yours, e.g. the rightmost untrusted hop of `X-Forwarded-For` behind your own load balancer.
 */
export type ClientIpSource = 'auto' | 'socket' | 'cloudflare' | 'vercel' | 'netlify' | ((request: Request) => string | undefined)

const socketAddresses = new WeakMap<Request, string>()

/** Record the TCP peer of a request built from a Node socket (done by `toNodeListener`). */
export function rememberSocketAddress(request: Request, address: string | undefined): void {
  if (address) socketAddresses.set(request, address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ''))
}

const PLATFORM_HEADERS = {
  cloudflare: ['cf-connecting-ip'],
  vercel: ['x-vercel-forwarded-for', 'x-real-ip'],
  netlify: ['x-nf-client-connection-ip'],
} as const

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/

/** An IPv4 or IPv6 literal, or undefined: whatever reaches `X-Forwarded-For` is an address and nothing else. */
export function cleanIp(value: string | null | undefined): string | undefined {
  const ip = value?.split(',')[0]?.trim()
  if (!ip) return undefined
  return IPV4.test(ip) || (ip.includes(':') && IPV6.test(ip)) ? ip : undefined
}

function detectPlatform(): keyof typeof PLATFORM_HEADERS | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {}
  if (env.VERCEL) return 'vercel'
  if (env.NETLIFY) return 'netlify'
  if ((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers') return 'cloudflare'
  return undefined
}

/**
 * A function giving the visitor's IP for `source`, validated as an IP literal.
 * @example
 * ```ts
 * const ipOf = clientIpResolver('cloudflare')
 * ipOf(request) // '203.0.113.7' from CF-Connecting-IP, undefined when absent or not an IP
 * ```
 */
export function clientIpResolver(source: ClientIpSource = 'auto'): (request: Request) => string | undefined {
  if (typeof source === 'function') return (request) => cleanIp(source(request))
  const fromHeaders = (names: readonly string[]) => (request: Request) => {
    for (const name of names) {
      const ip = cleanIp(request.headers.get(name))
      if (ip) return ip
    }
    return undefined
  }
  const fromSocket = (request: Request) => cleanIp(socketAddresses.get(request))
  if (source === 'socket') return fromSocket
  if (source !== 'auto') return fromHeaders(PLATFORM_HEADERS[source])
  const platform = detectPlatform()
  const fromPlatform = platform ? fromHeaders(PLATFORM_HEADERS[platform]) : () => undefined
  return (request) => fromSocket(request) ?? fromPlatform(request)
}
