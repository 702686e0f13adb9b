// Matching primitives shared by the catalog matcher (Node/browser) and the in-page guard, so both agree.

// Host cleanup and suffix matching live in src/hosts (one implementation for every capability).
export { cleanHost, hostIn, urlHost } from '../hosts/index.js'

/**
 * `host` is allowed by a normalised allow-list entry, with CSP host-source semantics:
 * `example.com` is exactly that host, `*.example.com` any subdomain (not the apex).
 */
export const allowedBy = (host: string, entry: string): boolean => host === entry || (entry.startsWith('*.') && host.endsWith(entry.slice(1)))

/**
 * Percent-decoded, lowercased path. `unescape` (not `decodeURIComponent`) because the in-page guard uses
 * it for size: it never throws on a malformed escape and decodes the ASCII escapes rules are written in.
 */
export const decodePath = (pathname: string): string => unescape(pathname).toLowerCase()

/**
 * Does a catalog path rule, lowercased (`'/gtm.js?id=gtm-'`), match a URL's decoded, lowercased path and query
 * (see {@link decodePath})? The path part must end the path (or be contained in it when it ends with `/`);
 * the query part `name=prefix` must start one of the query's parameters. Rules are lowercased once by their
 * holders (the catalog matcher, `compactCatalog`), not here: this runs in the inline guard on every URL.
 */
export function pathMatches(rule: string, path: string, query: string): boolean {
  const [p, q] = rule.split('?')
  // biome-ignore lint/style/useTemplate: concatenation is fewer bytes in the inline guard, and every operand is a string
  return (!p || (p.endsWith('/') ? path.includes(p) : path.endsWith(p))) && (q == null || ('&' + query.slice(1)).includes('&' + q))
}

/** Schemes a tracker can be reached with; `data:`, `blob:`, `javascript:` are never matched. */
export const NETWORK_SCHEME = /^(https?|wss?):$/

/** Whitespace removed, `"` and `` ` `` turned into `'`: the form snippet fingerprints are compared in. */
export const squash = (text: string): string => text.replace(/\s+/g, '').replace(/["`]/g, "'")
