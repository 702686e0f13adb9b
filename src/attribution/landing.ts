/**
 * The landing, kept at `init` on the critical path: the masked landing URL, referrer and time, so
 * attribution, which runs later in the lazy part, still sees where the visitor came from after a
 * fast click to another page. Parsing stays lazy: this module only stores strings.
 *
 * Kept in a first-party cookie on the registrable domain, so `www.` → `app.` works even when
 * posthog-js never loaded on `www.`. Bounded: the oldest and the newest unprocessed landing only,
 * each URL cut to a fixed length. Written for size: it runs before posthog-js.
 */
import { readCookie, writeCookie } from './domain.js'

/** One landing as stored: masked URL, masked referrer (`''` for none), time in ms. */
export interface Landing {
  u: string
  r: string
  t: number
}

/** Cookie name of the unprocessed landings. */
export const LANDING_KEY = 'fp_landing'
/** Longest landing URL and referrer kept, in characters: two landings always fit in one cookie. */
export const MAX_URL = 600
export const MAX_REFERRER = 200

/** The unprocessed landings, oldest first; malformed values give none. Never throws. */
export function readLandings(doc: Document = document): Landing[] {
  try {
    const list = JSON.parse(readCookie(LANDING_KEY, doc) ?? '[]') as Landing[]
    return list.filter((l) => typeof l.u === 'string' && typeof l.r === 'string' && typeof l.t === 'number').slice(-2)
  } catch {
    return []
  }
}

/**
 * Keep this page's landing, when it is one: a query string, or a referrer from another host.
 * A page reached by a plain internal link is not a landing; a reload keeps the first entry.
 * Returns the unprocessed landings, oldest first. Never throws.
 * @param href - `location.href`
 * @param referrer - `document.referrer`
 * @param mask - masks secrets, emails and click id values (the privacy rules of `maskUrl`)
 * @param crossSubdomain - share the cookie with every subdomain of the registrable domain
 * @example
 * ```ts
 * captureLanding(location.href, document.referrer, (url) => maskUrl(url), true)
 * ```
 */
export function captureLanding(href: string, referrer: string, mask: (url: string) => string, crossSubdomain = true, doc: Document = document): Landing[] {
  const list = readLandings(doc)
  try {
    if (!href.includes('?') && (!referrer || new URL(referrer).host === doc.location.host)) return list
    const entry: Landing = { u: mask(href).slice(0, MAX_URL), r: mask(referrer).slice(0, MAX_REFERRER), t: Date.now() }
    const last = list[list.length - 1]
    if (last?.u === entry.u && last.r === entry.r) return list
    // The oldest unprocessed landing (the first touch) and the newest.
    const next = [...list.slice(0, 1), entry]
    // 90 days, the default touch TTL; attribution drops older touches anyway.
    writeCookie(doc, LANDING_KEY, JSON.stringify(next), 7_776_000, crossSubdomain)
    return next
  } catch {
    return list
  }
}

/** Forget the landings once attribution has processed them. Never throws. */
export function clearLandings(crossSubdomain = true, doc: Document = document): void {
  writeCookie(doc, LANDING_KEY, '', 0, crossSubdomain)
}
