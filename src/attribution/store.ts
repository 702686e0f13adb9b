import { CHANNELS, type Channel, type ClickNetwork } from './channels.js'
import { CLICK_ID_PARAMS, UTM_PARAMS } from './params.js'
import { cleanValue } from './sanitize.js'
import type { Touch } from './touch.js'
import { readCookie, writeCookie } from './domain.js'

/** Name of the first-party cookie (and localStorage key) holding first and last touch. */
export const STORE_KEY = 'fp_touch'
const DAY = 86_400_000
// Browsers cap a cookie near 4 KB; past this the touch goes to localStorage only.
const MAX_COOKIE = 3800

/** First and last touch as stored. */
export interface Touches {
  first?: Touch
  last?: Touch
}

/** Options of {@link createStore}. */
export interface StoreOptions {
  /** Days a touch is kept. @default 90 */
  ttlDays?: number
  /** Set the cookie on the registrable domain, shared by subdomains. @default true */
  crossSubdomain?: boolean
  /** Clock, for tests. @default Date.now */
  now?: () => number
}

/** Reads and writes first/last touch. Never throws; storage that is blocked is skipped. */
export interface TouchStore {
  read(): Touches
  write(touches: Touches): void
}

const networks = /* @__PURE__ */ new Set<string>(/* @__PURE__ */ Object.values(CLICK_ID_PARAMS))

/** Rebuild a touch from untrusted stored JSON: unknown fields dropped, values cleaned again. */
export function reviveTouch(raw: unknown): Touch | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const r = raw as Record<string, unknown>
  if (!CHANNELS.includes(r.channel as Channel) || typeof r.timestamp !== 'number' || !Number.isFinite(r.timestamp)) return undefined
  const utm: Touch['utm'] = {}
  const rawUtm = r.utm && typeof r.utm === 'object' ? (r.utm as Record<string, unknown>) : {}
  for (const name of UTM_PARAMS) {
    const v = cleanValue(rawUtm[name])
    if (v !== undefined) utm[name] = v
  }
  const ref = cleanValue(r.ref)
  const referrerHost = cleanValue(r.referrerHost)
  const clickIds = Array.isArray(r.clickIds) ? (r.clickIds.filter((n) => networks.has(n as string)) as ClickNetwork[]) : []
  return {
    utm,
    ...(ref !== undefined ? { ref } : {}),
    clickIds,
    paid: r.paid === true,
    ...(referrerHost !== undefined ? { referrerHost } : {}),
    channel: r.channel as Channel,
    landingPath: (typeof r.landingPath === 'string' && r.landingPath.startsWith('/') ? r.landingPath : '/').slice(0, 200),
    timestamp: r.timestamp,
  }
}

/** Parse stored JSON into first/last touch, each revived and kept only if `fresh` keeps it; `undefined` if not JSON. Never throws. */
export function decode(text: string | null | undefined, fresh: (t: Touch | undefined) => Touch | undefined): Touches | undefined {
  if (!text) return undefined
  try {
    const raw = JSON.parse(text) as { first?: unknown; last?: unknown }
    const first = fresh(reviveTouch(raw.first))
    const last = fresh(reviveTouch(raw.last))
    return { ...(first ? { first } : {}), ...(last ? { last } : {}) }
  } catch {
    return undefined
  }
}

/**
 * The first-party touch store: a cookie (`fp_touch`, `SameSite=Lax`, `Secure` on https) on the
 * registrable domain (or host-only), falling back to localStorage when cookies are blocked or the
 * value is too big. Touches older than the TTL are dropped on read.
 * @param doc - the document @default document
 * @param storage - fallback storage @default localStorage
 */
export function createStore(options: StoreOptions = {}, doc: Document = document, storage?: Storage): TouchStore {
  const ttl = (options.ttlDays ?? 90) * DAY
  const now = options.now ?? Date.now
  const fresh = (t: Touch | undefined): Touch | undefined => (t && now() - t.timestamp <= ttl && t.timestamp <= now() + DAY ? t : undefined)
  const local = (): Storage | undefined => {
    try {
      return storage ?? localStorage
    } catch {
      return undefined
    }
  }
  return {
    read() {
      const fromCookie = decode(readCookie(STORE_KEY, doc), fresh)
      if (fromCookie && (fromCookie.first || fromCookie.last)) return fromCookie
      try {
        return decode(local()?.getItem(STORE_KEY), fresh) ?? {}
      } catch {
        return {}
      }
    },
    write(touches) {
      const json = JSON.stringify(touches)
      const value = encodeURIComponent(json)
      // Cookies blocked or the value too big: localStorage instead.
      const stored = value.length <= MAX_COOKIE && writeCookie(doc, STORE_KEY, json, Math.round(ttl / 1000), options.crossSubdomain !== false)
      try {
        if (stored) local()?.removeItem(STORE_KEY)
        else local()?.setItem(STORE_KEY, json)
      } catch {
        // storage blocked too: attribution holds for this page only
      }
    },
  }
}

/**
 * The next first/last touch after a visit: first touch is set once; last touch is replaced by any
 * visit except a plain direct one (no campaign, no referrer), so typing the address or navigating
 * inside the site never erases where the visitor came from.
 */
export function nextTouches(stored: Touches, touch: Touch): Required<Touches> {
  const first = stored.first ?? touch
  const last = isPlainDirect(touch) && stored.last ? stored.last : touch
  return { first, last }
}

/** No campaign parameter, creator code, click id or external referrer. */
export function isPlainDirect(touch: Touch): boolean {
  return touch.ref === undefined && !touch.clickIds.length && !Object.keys(touch.utm).length && touch.referrerHost === undefined
}
