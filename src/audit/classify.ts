// Turns URLs and catalog matches into findings. Every tracker pattern comes from src/trackers;
// third-party-web only names hosts the catalog does not know.
import { isAllowedHost, matchUrl, type Tracker } from '../trackers/index.js'
import { ownCopy } from './strings.js'
import { rootDomain as registrableDomain, thirdPartyEntity } from './third-party.js'
import type { FindingSubject } from './types.js'

/** Base for relative URLs: a first-party proxy path like `/gtag/js?id=G-…` still matches catalog path rules. */
export const FIRST_PARTY_BASE = 'https://first-party.invalid/'

/** The catalog entry as a finding subject. */
export function subjectOf(tracker: Tracker): FindingSubject {
  return { id: tracker.id, name: tracker.name, vendor: tracker.vendor, category: tracker.category }
}

/** Result of {@link classifyUrl}. */
export type UrlClass = { kind: 'tracker'; tracker: Tracker; url: string } | { kind: 'third-party'; subject: FindingSubject; url: string }

const SCHEME = /^[a-z][a-z0-9+.-]*:/i

/**
 * Classify one URL found on a page.
 * - catalogued tracker (on any host, or behind a first-party path) → `tracker`, unless its host is allowed;
 * - other absolute http(s) URL on a host that is not allowed and not the page's own site → `third-party`;
 * - anything else (relative, data:, mailto:…) → undefined.
 *
 * @param page - the page URL in a live audit; omitted in a static audit, where relative URLs are first-party.
 * @example classifyUrl('https://www.googletagmanager.com/gtag/js?id=G-1', [])?.kind // 'tracker'
 */
export function classifyUrl(raw: string, allow: readonly string[], page?: string): UrlClass | undefined {
  // Static audits see the same asset URLs on every page of a site: memoise (the base is fixed there).
  if (page !== undefined) return classify(raw, allow, page)
  const memo = memoFor(allow)
  const hit = memo.get(raw)
  if (hit !== undefined || memo.has(raw)) return hit
  if (memo.size >= MEMO_LIMIT) memo.clear()
  const result = classify(raw, allow, undefined)
  // A copy: `raw` is usually cut from the page's text, which a memo key must not keep alive (strings.ts).
  memo.set(ownCopy(raw), result)
  return result
}

const MEMO_LIMIT = 50_000
/** One memo per allow list; the last list is kept at hand, a scan passes the same array for every URL. */
const memos = new Map<string, Map<string, UrlClass | undefined>>()
let lastAllow: readonly string[] | undefined
let lastMemo: Map<string, UrlClass | undefined> | undefined

function memoFor(allow: readonly string[]): Map<string, UrlClass | undefined> {
  if (allow === lastAllow && lastMemo) return lastMemo
  const key = allow.join('\n')
  let memo = memos.get(key)
  if (!memo) memos.set(key, (memo = new Map()))
  lastAllow = allow
  lastMemo = memo
  return memo
}

function classify(raw: string, allow: readonly string[], page: string | undefined): UrlClass | undefined {
  const text = raw.trim()
  if (!text || text.startsWith('#')) return undefined
  if (SCHEME.test(text) && !/^https?:/i.test(text)) return undefined
  let url: URL
  try {
    url = new URL(text.startsWith('//') ? `https:${text}` : text, page ?? FIRST_PARTY_BASE)
  } catch {
    return undefined
  }
  const href = url.href
  const host = url.hostname
  const allowed = allow.length > 0 && isAllowedHost(host, allow)
  const tracker = matchUrl(href, page)
  if (tracker) return allowed ? undefined : { kind: 'tracker', tracker, url: href }
  if (allowed || host === 'first-party.invalid' || host === '') return undefined
  if (page && sameSite(host, new URL(page).hostname)) return undefined
  return { kind: 'third-party', subject: thirdPartySubject(href), url: href }
}

/** Same registrable domain (www. vs apex, cdn. vs www.): a site's own subdomains are first-party. */
export function sameSite(a: string, b: string): boolean {
  if (a === b) return true
  try {
    return rootDomain(a) === rootDomain(b)
  } catch {
    return false
  }
}

function rootDomain(host: string): string {
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host
  return registrableDomain(host)
}

const named = new Map<string, FindingSubject>()

/** Name and categorise an uncatalogued host with third-party-web; `unknown` when it has no entry. */
export function thirdPartySubject(href: string): FindingSubject {
  const host = new URL(href).hostname
  let subject = named.get(host)
  if (!subject) {
    const entity = thirdPartyEntity(host)
    const root = rootDomain(host)
    subject = entity
      ? { id: `third-party:${root}`, name: entity.name, vendor: entity.company, category: entity.category }
      : { id: `third-party:${root}`, name: root, vendor: 'unknown', category: 'unknown' }
    named.set(host, subject)
  }
  return subject
}
