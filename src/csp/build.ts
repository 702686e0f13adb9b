import { allowedHosts, type AllowPolicy } from './hosts.js'

/** Options of {@link buildCsp}: the site's allow list plus how strict to be. */
export interface CspPolicy extends AllowPolicy {
  /**
   * How inline scripts (including the guard snippet) may run. `'unsafe-inline'` keeps typical marketing pages
   * working but lets inline tracker snippets run if the guard misses them (their network requests are still
   * blocked); a nonce or hashes are stricter. @default 'unsafe-inline'
   */
  inline?: 'unsafe-inline' | { nonce?: string; hashes?: readonly string[] }
  /**
   * Add `require-trusted-types-for 'script'`: every script URL/text/HTML string set from JS then passes the
   * guard's default policy. `policies` lists other policy names your code creates (e.g. `dompurify`).
   * @default false
   */
  trustedTypes?: boolean | { policies?: readonly string[] }
  /** Violation report endpoint (`report-uri`; header only). */
  reportUri?: string
  /** Extra sources per directive, appended as given, e.g. `{ 'img-src': ['https:'] }`. */
  extra?: Readonly<Record<string, readonly string[]>>
}

/** Directives a `<meta>` CSP ignores. */
const HEADER_ONLY = new Set(['report-uri', 'report-to', 'frame-ancestors', 'sandbox'])

/** The policy as ordered directive → sources. Never `'strict-dynamic'`: it would discard the host allowlist. */
export function cspDirectives(policy: CspPolicy = {}): Map<string, string[]> {
  const hosts = allowedHosts(policy)
  const inline = policy.inline ?? 'unsafe-inline'
  const inlineSources =
    inline === 'unsafe-inline'
      ? ["'unsafe-inline'"]
      : [...(inline.nonce ? [`'nonce-${inline.nonce}'`] : []), ...(inline.hashes ?? []).map((h) => `'${h.replace(/^'|'$/g, '')}'`)]
  const d = new Map<string, string[]>([
    ['script-src', ["'self'", ...inlineSources, ...hosts]],
    ['connect-src', ["'self'", ...hosts]],
    ['img-src', ["'self'", 'data:', 'blob:', ...hosts]],
    ['frame-src', ["'self'", ...hosts]],
    ['form-action', ["'self'", ...hosts]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
  ])
  const tt = policy.trustedTypes
  if (tt) {
    d.set('require-trusted-types-for', ["'script'"])
    d.set('trusted-types', ['default', ...(tt === true ? [] : (tt.policies ?? [])), "'allow-duplicates'"])
  }
  for (const [name, sources] of Object.entries(policy.extra ?? {})) d.set(name, [...(d.get(name) ?? []), ...sources])
  if (policy.reportUri) d.set('report-uri', [policy.reportUri])
  return d
}

const serialise = (d: Map<string, string[]>, meta: boolean): string =>
  [...d]
    .filter(([name]) => !(meta && HEADER_ONLY.has(name)))
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ')

/**
 * The `Content-Security-Policy` header value for a site: host allowlists for `script-src`, `connect-src`,
 * `img-src`, `frame-src` and `form-action` built from the same allow list as the guard, `object-src 'none'`,
 * `base-uri 'self'`, optional Trusted Types. Trackers are blocked because they are not listed.
 * @example
 * ```ts
 * buildCsp({ allow: ['*.youtube.com'], posthog: { apiHost: '/ingest' } })
 * // "script-src 'self' 'unsafe-inline' *.youtube.com; connect-src 'self' *.youtube.com; …"
 * ```
 */
export function buildCsp(policy: CspPolicy = {}): string {
  return serialise(cspDirectives(policy), false)
}

/**
 * The same policy as a `<meta http-equiv>` tag for hosts where you cannot set headers. Limits: it must be the
 * first thing in `<head>` and only covers what comes after it; `report-uri`, `frame-ancestors` and `sandbox`
 * are ignored in meta, so they are left out.
 * @example
 * ```ts
 * cspMetaTag({ allow: ['player.vimeo.com'] }) // '<meta http-equiv="Content-Security-Policy" content="…">'
 * ```
 */
export function cspMetaTag(policy: CspPolicy = {}): string {
  const value = serialise(cspDirectives(policy), true).replace(/&/g, '&amp;').replace(/"/g, '&quot;')
  return `<meta http-equiv="Content-Security-Policy" content="${value}">`
}
