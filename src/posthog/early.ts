/**
 * The early part: what events captured before posthog-js loaded need, fetched at `init` next to the
 * critical path instead of on it (`dist/firstparty.early.js` for the `<script>` build, a chunk for
 * bundlers). It turns the raw page snapshot each early event keeps into what posthog-js would have
 * added (page, campaign, referrer, `title`), sends the `pagehide` beacon with the identity posthog-js
 * will adopt, gives the ids posthog-js is bootstrapped with and picks the posthog-js build to load. The critical path only records
 * strings; this is where they are parsed.
 */
import type { Landing } from '../attribution/landing.js'
import { sendEarly, type EarlyEvent } from './beacon.js'
import { initialOf } from './campaign.js'
import { pageContext } from './context.js'
import { earlyDistinctId, earlySessionId, persistedDistinctId, persistedSessionId } from './identity.js'
import { PENDING, PENDING_TTL } from './pending.js'

export type { EarlyEvent, EarlyPage } from './beacon.js'
export { lazyBuild } from './builds.js'
export { whenIdle } from './schedule.js'

/**
 * The properties an early event is sent with: what posthog-js would have added when it was captured,
 * then the site's own (which win).
 * @example
 * ```ts
 * earlyProperties({ event: 'cta_clicked', properties: { cta: 'hero' }, timestamp: new Date(), page }, landing)
 * // { $current_url: 'https://acme.dev/?utm_source=youtube', utm_source: 'youtube', …, cta: 'hero' }
 * ```
 */
export function earlyProperties(entry: EarlyEvent, landing: Landing | undefined): Record<string, unknown> {
  return { ...pageContext(entry.event, entry.page, landing, entry.timestamp.getTime()), ...entry.properties }
}

/**
 * The properties an early event is replayed to posthog-js with: {@link earlyProperties}, and the title its
 * page had as `$early_title` (posthog-js would overwrite `title` with the current page's; see earlyTitleStep).
 */
export function replayProperties(entry: EarlyEvent, landing: Landing | undefined): Record<string, unknown> {
  const properties = earlyProperties(entry, landing)
  return { ...properties, $early_title: properties.title }
}

/**
 * Beacon the early events of a page being left, in posthog-js's wire format, as the visitor posthog-js
 * will know (its persisted id, or the early id it adopts through `bootstrap`). Returns false when the
 * browser refused the beacon (the events then stay queued).
 */
export function beaconEarly(apiHost: string, token: string, events: readonly EarlyEvent[], landing: Landing | undefined, page: EarlyEvent['page']): boolean {
  const who = {
    distinctId: persistedDistinctId(token) ?? earlyDistinctId(token),
    sessionId: earlySessionId(token),
    initial: landing ? initialOf(landing.u, landing.r) : initialOf(page.url, page.referrer),
  }
  return sendEarly(
    apiHost,
    token,
    who,
    events.map((entry) => ({ ...entry, properties: earlyProperties(entry, landing) })),
  )
}

const isPage = (page: unknown): page is EarlyEvent['page'] => {
  const p = page as Record<string, unknown> | null
  return typeof p === 'object' && p !== null && typeof p.url === 'string' && typeof p.referrer === 'string' && typeof p.title === 'string'
}

/**
 * Take the events earlier pages of this site kept for it (see `flush` in client.ts): each key is read once
 * and removed, whatever it holds; malformed entries and entries older than a day are dropped. Never throws.
 * @example
 * ```ts
 * takePending('phc_…', Date.now()) // [{ event: '$pageview', properties: {}, timestamp: Date, page: {…} }]
 * ```
 */
export function takePending(token: string, now: number, storage: Storage | null = localStorageOrNull()): EarlyEvent[] {
  const taken: EarlyEvent[] = []
  if (!storage) return taken
  const prefix = `${PENDING}${token}_`
  try {
    // At most 20 keys: a page kept one each, and a storage flooded by a hostile script must not stall this one.
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i))
      .filter((key): key is string => !!key?.startsWith(prefix))
      .slice(0, 20)
    for (const key of keys) {
      const raw = storage.getItem(key)
      storage.removeItem(key)
      let list: unknown
      try {
        list = JSON.parse(raw ?? '[]')
      } catch {
        continue
      }
      if (!Array.isArray(list)) continue
      for (const item of list.slice(0, 100) as Array<Record<string, unknown>>) {
        const timestamp = new Date(typeof item?.timestamp === 'string' ? item.timestamp : NaN)
        const age = now - timestamp.getTime()
        const properties = item?.properties
        if (
          typeof item?.event === 'string' &&
          item.event &&
          typeof properties === 'object' &&
          properties !== null &&
          !Array.isArray(properties) &&
          isPage(item.page) &&
          age >= 0 &&
          age < PENDING_TTL
        ) {
          taken.push({ event: item.event, properties: properties as Record<string, unknown>, timestamp, page: item.page })
        }
      }
    }
  } catch {
    // storage blocked mid-way: what was taken is sent
  }
  return taken.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
}

function localStorageOrNull(): Storage | null {
  try {
    return localStorage
  } catch {
    return null // blocked storage (privacy mode, sandboxed iframe)
  }
}

/**
 * What the page runs once the early part has arrived: the events earlier pages kept for it go out (a
 * beacon, as the visitor posthog-js will know), and the guard's reports become `tracker_blocked` events.
 */
export function arrived(
  apiHost: string,
  token: string,
  landings: readonly Landing[],
  track: (event: 'tracker_blocked', report: Record<string, unknown>) => void,
): void {
  const pending = takePending(token, Date.now())
  if (pending.length) beaconEarly(apiHost, token, pending, landings[0], pending[0]!.page)
  forwardBlocks((report) => track('tracker_blocked', report))
}

/**
 * Hand the guard's reports to `track`: the blocks so far (the guard keeps every one in
 * `window.firstparty.blocked`, also those from before `init`), then each new one as it happens.
 * @example
 * ```ts
 * forwardBlocks((report) => client.track('tracker_blocked', report))
 * ```
 */
export function forwardBlocks(track: (report: Record<string, unknown>) => void): void {
  for (const report of (window as { firstparty?: { blocked?: Array<Record<string, unknown>> } }).firstparty?.blocked ?? []) track(report)
  addEventListener('firstparty:blocked', (event) => track((event as CustomEvent<Record<string, unknown>>).detail))
}

/**
 * The ids posthog-js is bootstrapped with, so the events sent early and the ones it sends share one
 * person and one session; `undefined` where posthog-js already has its own.
 */
export function bootstrapIds(token: string): { distinctId: string | undefined; sessionId: string | undefined } {
  return {
    distinctId: persistedDistinctId(token) ? undefined : earlyDistinctId(token),
    sessionId: persistedSessionId(token) ? undefined : earlySessionId(token),
  }
}
