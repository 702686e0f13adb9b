// Matching primitives shared by the catalog matcher (Node/browser) and the in-page guard, so both agree.

/** Lowercase a host and strip trailing dots (`Google-Analytics.com.` → `google-analytics.com`). */
export const cleanHost = (host: string): string => host.toLowerCase().replace(/\.+$/, '')

/** `host` is `suffix` or a subdomain of it. */
export const hostIn = (host: string, suffix: string): boolean => host === suffix || host.endsWith(`.${suffix}`)

/** Percent-decoded, lowercased path; a malformed escape leaves the path as it is. */
export function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname).toLowerCase()
  } catch {
    return pathname.toLowerCase()
  }
}

/**
 * Does a catalog path rule (`'/gtm.js?id=GTM-'`) match a decoded path and its query?
 * The path part must end the path (or be contained in it when it ends with `/`); the query part
 * names a parameter whose value must start with the given prefix, case-insensitively.
 */
export function pathMatches(rule: string, path: string, query: URLSearchParams): boolean {
  const q = rule.indexOf('?')
  const p = q < 0 ? rule : rule.slice(0, q)
  if (p && !(p.endsWith('/') ? path.includes(p) : path.endsWith(p))) return false
  if (q < 0) return true
  const [name = '', prefix = ''] = rule.slice(q + 1).split('=')
  const value = query.get(name)
  return value !== null && value.toUpperCase().startsWith(prefix.toUpperCase())
}

/** Schemes a tracker can be reached with; `data:`, `blob:`, `javascript:` are never matched. */
export const NETWORK_SCHEME = /^(https?|wss?):$/

/** Whitespace removed, `"` and `` ` `` turned into `'`: the form snippet fingerprints are compared in. */
export const squash = (text: string): string => text.replace(/\s+/g, '').replace(/["`]/g, "'")
