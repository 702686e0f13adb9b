/**
 * The cookie domain for the attribution cookie, without shipping a public-suffix list: try
 * `Domain=` from the shortest candidate up (`co.uk`, then `example.co.uk`…) and keep the first one
 * the browser accepts. Browsers refuse cookies on public suffixes (they ship the list), so the first
 * accepted candidate is the registrable domain; Google Analytics' `cookie_domain: 'auto'` works the
 * same way. IP addresses and single-label hosts (`localhost`) get a host-only cookie.
 */

import { cleanHost } from '../hosts/index.js'

const PROBE = 'fp_probe'

/** Candidate domains of a host, shortest first: `a.b.example.com` → `example.com`, `b.example.com`, … (never the bare TLD). */
export function domainCandidates(hostname: string): string[] {
  const host = cleanHost(hostname)
  if (!host.includes('.') || /^[\d.]+$/.test(host) || host.includes(':')) return []
  const labels = host.split('.')
  const out: string[] = []
  for (let i = labels.length - 2; i >= 0; i--) out.push(labels.slice(i).join('.'))
  return out
}

/**
 * The widest domain this page may set cookies on (its registrable domain), or `undefined` for a
 * host-only cookie. Never throws.
 * @param doc - the document (cookies are probed on it)
 */
export function registrableDomain(doc: Document, hostname = doc.location?.hostname ?? ''): string | undefined {
  for (const domain of domainCandidates(hostname)) {
    try {
      doc.cookie = `${PROBE}=1; domain=${domain}; path=/; SameSite=Lax`
      if (doc.cookie.split('; ').some((c) => c === `${PROBE}=1`)) {
        doc.cookie = `${PROBE}=; domain=${domain}; path=/; max-age=0`
        return domain
      }
    } catch {
      return undefined
    }
  }
  return undefined
}

/**
 * Set a first-party cookie (`path=/`, `SameSite=Lax`, `Secure` on https) on the registrable domain:
 * the shortest candidate the browser accepts, the same rule as {@link registrableDomain} but without a
 * probe cookie, so the page that must stay small writes once. Host-only when no candidate is accepted
 * or `crossSubdomain` is off. A deletion (`maxAge` 0) clears it on every candidate. Returns true when
 * the value reads back. Never throws.
 * @example
 * ```ts
 * writeCookie(document, 'fp_landing', '[…]', 7_776_000, true) // on www.acme.dev: Domain=acme.dev
 * ```
 */
export function writeCookie(doc: Document, name: string, value: string, maxAge: number, crossSubdomain: boolean): boolean {
  try {
    const cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAge}; SameSite=Lax${doc.location.protocol === 'https:' ? '; Secure' : ''}`
    for (const domain of crossSubdomain ? domainCandidates(doc.location.hostname) : []) {
      doc.cookie = `${cookie}; domain=${domain}`
      if (maxAge && readCookie(name, doc) === value) return true
    }
    doc.cookie = cookie
    return readCookie(name, doc) === value
  } catch {
    return false
  }
}

/** The decoded value of a cookie, or `undefined`. Never throws. */
export function readCookie(name: string, doc: Document = document): string | undefined {
  try {
    const found = doc.cookie.split('; ').find((c) => c.startsWith(`${name}=`))
    return found && decodeURIComponent(found.slice(name.length + 1))
  } catch {
    return undefined
  }
}
