import type { PostHog } from 'posthog-js'
import { warn } from '../errors.js'
import { withCarriedTouches } from './carried.js'
import { ATTRIBUTION_PARAMS } from './params.js'
import { prefixedProperties, touchProperties } from './properties.js'
import { createStore, nextTouches, type Touches } from './store.js'
import { parseTouch, type AttributionOptions, type Touch } from './touch.js'
import { clearLandings, readLandings, type Landing } from './landing.js'
import { registrableDomain } from './domain.js'

type BeforeSend = Extract<NonNullable<PostHog['config']['before_send']>, (...a: never[]) => unknown>
type Captured = Parameters<BeforeSend>[0]

/** Where attribution reads from; the page by default, a stand-in in tests. */
export interface AttributionEnv {
  href: string
  referrer: string
  doc: Document
  storage?: Storage
  now?: () => number
  /** Landings kept at `init` (see landing.ts); read from the document when absent and `href` is the page's. */
  landings?: readonly Landing[]
}

const isList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string')
const CHECKS: Record<keyof AttributionOptions, (v: unknown) => boolean> = {
  refParams: isList,
  creators: isList,
  rules: Array.isArray,
  ttlDays: (v) => typeof v === 'number' && v > 0 && v < 3650,
  crossSubdomain: (v) => typeof v === 'boolean',
  cleanUrl: (v) => typeof v === 'boolean',
  crossDomain: isList,
}

/** Keep the valid sub-options; warn about the rest (init already checked it is an object). */
export function checkAttributionOptions(options: AttributionOptions): AttributionOptions {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(options)) {
    const check = CHECKS[key as keyof AttributionOptions] as ((v: unknown) => boolean) | undefined
    if (value === undefined) continue
    if (check?.(value)) out[key] = value
    else warn(`init(): attribution.${key} ${check ? `is invalid (${JSON.stringify(value)}), default used` : 'is not an option, ignored'}`)
  }
  return out as AttributionOptions
}

const withoutNulls = <T>(o: Record<string, T | null>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as Record<string, T>

/** The same visit seen again (a reload): same landing and sources within 30 minutes. */
function sameVisit(a: Touch | undefined, b: Touch): boolean {
  const key = (t: Touch): string => JSON.stringify([t.utm, t.ref, t.clickIds, t.referrerHost, t.landingPath])
  return a !== undefined && key(a) === key(b) && b.timestamp - a.timestamp < 30 * 60_000
}

/** Remove attribution parameters from the address bar, keeping everything else. */
export function cleanAddressBar(href: string, refParams: readonly string[] = []): string | undefined {
  try {
    const url = new URL(href)
    const drop = new Set<string>([...ATTRIBUTION_PARAMS, ...refParams.map((p) => p.toLowerCase())])
    const names = [...url.searchParams.keys()].filter((n) => drop.has(n.toLowerCase()))
    if (!names.length) return undefined
    for (const n of names) url.searchParams.delete(n)
    return url.pathname + url.search + url.hash
  } catch {
    return undefined
  }
}

/** A referrer on this site's own registrable domain (`www.` → `app.`) is a page of the same site. */
function ownReferrer(referrer: string, doc: Document, crossSubdomain: boolean): boolean {
  try {
    const domain = crossSubdomain ? registrableDomain(doc) : undefined
    const host = new URL(referrer).hostname.toLowerCase()
    return domain !== undefined && (host === domain || host.endsWith(`.${domain}`))
  } catch {
    return false
  }
}

/**
 * Attribution, run in the lazy part once posthog-js is initialised, on whichever page that is:
 * parse the landings kept at `init` (or this page when there are none) into touches, update
 * first/last touch in the first-party store, register them as event properties (`first_touch_*`,
 * `last_touch_*`), and attach them as person properties (`$set_once` first, `$set` last) to
 * `$identify`, `$set` and the landed events. Returns `finish`, to call after the queued events are
 * sent: it tracks `referral_landed` / `campaign_landed` for each new campaign landing (a reload
 * within 30 minutes is the same visit) and cleans the address bar if asked. Never throws.
 */
export function attribute(ph: PostHog, input: AttributionOptions, env?: AttributionEnv): { touches: Touches; finish: () => void } {
  try {
    const e = env ?? { href: location.href, referrer: document.referrer, doc: document }
    const options = checkAttributionOptions(input)
    const crossSubdomain = options.crossSubdomain !== false
    const landings = e.landings ?? (env ? [] : readLandings(e.doc))
    const visits = landings.length ? landings : [{ u: e.href, r: e.referrer, t: e.now?.() ?? Date.now() }]
    const store = createStore(
      { ...(options.ttlDays ? { ttlDays: options.ttlDays } : {}), ...(crossSubdomain ? {} : { crossSubdomain: false }), ...(e.now ? { now: e.now } : {}) },
      e.doc,
      e.storage,
    )
    // Touches carried from the site's other domain (cross-domain.ts) merge in before this visit's.
    let touches: Touches = withCarriedTouches(store.read(), options, e.now?.() ?? Date.now())
    const landed: Touch[] = []
    for (const visit of visits) {
      const touch = parseTouch(visit.u, ownReferrer(visit.r, e.doc, crossSubdomain) ? '' : visit.r, options)
      touch.timestamp = visit.t
      const campaign = touch.ref !== undefined || touch.clickIds.length > 0 || Object.keys(touch.utm).length > 0
      if (campaign && !sameVisit(touches.last, touch)) landed.push(touch)
      touches = nextTouches(touches, touch)
    }
    const current = touches as Required<Touches>
    store.write(current)
    if (landings.length) clearLandings(crossSubdomain, e.doc)
    const first = prefixedProperties(current.first, 'first_touch_')
    const last = prefixedProperties(current.last, 'last_touch_')
    ph.register({ ...first, ...last })
    const $set_once = withoutNulls(first)
    const $set = last
    const person: BeforeSend = (event: Captured) => {
      if (event && ['$identify', '$set', 'referral_landed', 'campaign_landed'].includes(event.event)) {
        event.$set_once = { ...$set_once, ...event.$set_once }
        event.$set = { ...$set, ...event.$set }
      }
      return event
    }
    const existing = ph.config.before_send
    ph.set_config({ before_send: [...(existing ? [existing].flat() : []), person] })
    const finish = (): void => {
      try {
        for (const touch of landed) ph.capture(touch.ref !== undefined ? 'referral_landed' : 'campaign_landed', touchProperties(touch))
        const cleaned = options.cleanUrl ? cleanAddressBar(e.href, options.refParams) : undefined
        if (cleaned !== undefined) history.replaceState(history.state, '', cleaned)
      } catch (error) {
        warn(`attribution: ${String(error)}`)
      }
    }
    return { touches: current, finish }
  } catch (error) {
    warn(`attribution: ${String(error)}`)
    return { touches: {}, finish: () => {} }
  }
}
