import { TRACKERS } from './catalog.js'
import { allowedBy, cleanHost, decodePath, hostIn, NETWORK_SCHEME, pathMatches, urlHost } from './rules.js'
import type { Tracker } from './types.js'

/** Base for relative and protocol-relative URLs when none is given and there is no document. */
const FALLBACK_BASE = 'https://localhost/'

/** Each tracker with its path rules lowercased once, as {@link pathMatches} takes them. */
const PATH_RULES = TRACKERS.map((tracker) => ({ tracker, rules: tracker.paths.map((rule) => rule.toLowerCase()) }))

/** Parse like a browser does (WHATWG URL), or undefined for garbage and non-network schemes. */
export function parseUrl(url: string, base?: string): URL | undefined {
  const fallback = typeof document === 'undefined' ? FALLBACK_BASE : document.baseURI
  try {
    const parsed = new URL(url.trim(), base ?? fallback)
    return NETWORK_SCHEME.test(parsed.protocol) ? parsed : undefined
  } catch {
    return undefined
  }
}

/**
 * The catalog tracker a URL belongs to, by parsed host suffix or by path/query signature (which also
 * catches first-party proxies such as `/gtm.js?id=GTM-…` on your own host). Uppercase, percent-encoded,
 * trailing-dot, protocol-relative and `user@host` forms all resolve to the real host first.
 * @param base resolves relative URLs; @default `document.baseURI`, or `https://localhost/` outside a browser
 * @example
 * ```ts
 * matchUrl('//WWW.Google-Analytics.com./analytics.js')?.id // 'universal-analytics'
 * matchUrl('/gtm.js?id=GTM-ABC123', 'https://shop.example/')?.id // 'gtm'
 * matchUrl('https://eu.i.posthog.com/e/') // undefined
 * ```
 */
export function matchUrl(url: string, base?: string): Tracker | undefined {
  const parsed = parseUrl(url, base)
  if (!parsed) return undefined
  const host = urlHost(parsed)
  const path = decodePath(parsed.pathname)
  const query = decodePath(parsed.search)
  // Path signatures first: gtag.js for GA4 and for Ads share googletagmanager.com with GTM.
  return (
    PATH_RULES.find(({ rules }) => rules.some((rule) => pathMatches(rule, path, query)))?.tracker ??
    TRACKERS.find((t) => t.hosts.some((suffix) => hostIn(host, suffix)))
  )
}

/**
 * Normalise an allow-list entry to CSP host-source form: `https://EU.i.posthog.com/` → `eu.i.posthog.com`,
 * `*.example.com` stays a wildcard. Returns undefined for entries that name no host.
 */
export function allowEntry(entry: string): string | undefined {
  const raw = entry.trim()
  if (!raw || raw.startsWith("'")) return undefined
  const wild = raw.startsWith('*.')
  const rest = wild ? raw.slice(2) : raw
  const parsed = parseUrl(rest.includes('//') ? rest : `https://${rest}`)
  if (!parsed?.hostname) return undefined
  const host = cleanHost(parsed.hostname)
  return wild ? `*.${host}` : host
}

/**
 * Is `host` covered by an allow list? Entries follow CSP host-source rules so the guard and the generated
 * CSP agree: `example.com` allows exactly that host, `*.example.com` allows its subdomains (not the apex).
 * URLs are accepted as entries (`https://eu.i.posthog.com`).
 * @example
 * ```ts
 * isAllowedHost('WWW.YouTube.com.', ['*.youtube.com']) // true
 * isAllowedHost('youtube.com', ['*.youtube.com']) // false
 * ```
 */
export function isAllowedHost(host: string, allow: readonly string[]): boolean {
  const h = cleanHost(host)
  return allow.some((entry) => {
    const a = allowEntry(entry)
    return a !== undefined && allowedBy(h, a)
  })
}
