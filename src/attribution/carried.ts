// Cross-domain attribution, the lazy part: the parameter that arrived from the site's other domain is
// hostile input (anyone can craft a link), so it is decoded defensively, every touch goes through the
// same reviver and sanitizer as the stored cookie, and it is merged with what this site already knows.
import { CARRY_ID, CARRY_KEY, CARRY_MAX_LENGTH, CARRY_TTL_MS, CARRY_VERSION } from './carry.js'
import { reviveTouch, type Touches } from './store.js'
import type { AttributionOptions } from './touch.js'
import type { Touch } from './types.js'

/** What a valid parameter carries: the sending site's anonymous id (if it sent one) and its touches. */
export interface Carried {
  id?: string
  touches: Touches
}

const DAY = 86_400_000

const isTime = (v: unknown, now: number, ttl: number): boolean => typeof v === 'number' && Number.isFinite(v) && v <= now + 60_000 && v >= now - ttl

function revive(raw: unknown, now: number, ttl: number): Touch | undefined {
  const touch = reviveTouch(raw)
  return touch && isTime(touch.timestamp, now, ttl) ? touch : undefined
}

/** The value split into its four fields; the store (URI-encoded) may itself contain `~`. */
function fields(value: string): [string, string, string, string] | undefined {
  const a = value.indexOf('~')
  const b = value.indexOf('~', a + 1)
  const c = value.indexOf('~', b + 1)
  return a < 0 || b < 0 || c < 0 ? undefined : [value.slice(0, a), value.slice(a + 1, b), value.slice(b + 1, c), value.slice(c + 1)]
}

/**
 * Decode and validate a cross-domain parameter value (`version~expiry~id~store`, see `carriedValue`).
 * Returns `undefined` for anything malformed, of another version, expired or issued too far ahead
 * (relative to `receivedAt`), or too long; never throws. The touches are revived and sanitized like
 * the stored cookie, and touches older than the TTL or from the future are dropped.
 * @param value - the parameter value
 * @param receivedAt - when the page received it (ms since the epoch)
 * @param options - this site's attribution options (`ttlDays`)
 * @example
 * ```ts
 * decodeCarried(new URL(location.href).searchParams.get('_fpx'), Date.now())?.touches.first?.channel
 * ```
 */
export function decodeCarried(value: unknown, receivedAt: number, options: AttributionOptions = {}): Carried | undefined {
  try {
    if (typeof value !== 'string' || value.length > CARRY_MAX_LENGTH) return undefined
    // As sent by a GET form: form-encoded once more.
    const parts = fields(value.includes('~') ? value : decodeURIComponent(value))
    if (!parts || parts[0] !== CARRY_VERSION || !/^[0-9a-z]{1,12}$/.test(parts[1])) return undefined
    const [, expires, id, store] = parts
    const left = parseInt(expires, 36) * 1000 - receivedAt
    if (!(left >= 0 && left <= CARRY_TTL_MS + 60_000)) return undefined
    const ttl = (typeof options.ttlDays === 'number' && options.ttlDays > 0 ? options.ttlDays : 90) * DAY
    let touches: Touches = {}
    if (store) {
      const raw: unknown = JSON.parse(decodeURIComponent(store))
      const r = raw && typeof raw === 'object' ? (raw as { first?: unknown; last?: unknown }) : {}
      const first = revive(r.first, receivedAt, ttl)
      const last = revive(r.last, receivedAt, ttl)
      touches = { ...(first ? { first } : {}), ...(last ? { last } : {}) }
    }
    return { ...(CARRY_ID.test(id) ? { id } : {}), touches }
  } catch {
    return undefined
  }
}

const earliest = (a: Touch | undefined, b: Touch | undefined): Touch | undefined => (!a || (b && b.timestamp < a.timestamp) ? b : a)
const latest = (a: Touch | undefined, b: Touch | undefined): Touch | undefined => (!a || (b && b.timestamp > a.timestamp) ? b : a)

/**
 * This site's touches merged with carried ones: the first touch is the earlier of the two, the last
 * touch the later one, so the journey reads the same on both domains.
 * @example
 * ```ts
 * mergeTouches({ first: appTouch }, { first: devTouch, last: devTouch }) // first: the older of the two
 * ```
 */
export function mergeTouches(own: Touches, carried: Touches): Touches {
  const first = earliest(own.first, carried.first)
  const last = latest(own.last, carried.last)
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) }
}

/**
 * The lazy step of cross-domain attribution: take the parameter the page kept at arrival (once:
 * it is removed), validate it and merge its touches into `stored`. Without one, `stored` unchanged.
 * @param storage - where the page kept it @default sessionStorage
 * @example
 * ```ts
 * const stored = withCarriedTouches(store.read(), options, Date.now())
 * ```
 */
export function withCarriedTouches(stored: Touches, options: AttributionOptions, now: number, storage?: Storage): Touches {
  try {
    const store = storage ?? sessionStorage
    const kept = store.getItem(CARRY_KEY)
    if (kept === null) return stored
    store.removeItem(CARRY_KEY)
    const dot = kept.indexOf('~')
    const receivedAt = Number(kept.slice(0, dot))
    // Kept for the next page if this one never loaded posthog-js, but not for long.
    if (!(receivedAt <= now && now - receivedAt < 30 * 60_000)) return stored
    const carried = decodeCarried(kept.slice(dot + 1), receivedAt, options)
    return carried ? mergeTouches(stored, carried.touches) : stored
  } catch {
    return stored
  }
}
