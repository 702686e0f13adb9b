import type { PostHog } from 'posthog-js'
import type { AttributionOptions } from '../attribution/touch.js'
import { DEV, FirstpartyError, PREFIX, warn } from '../errors.js'
import type { toPostHogConfig } from './config.js'
import type { EventArgs, EventName } from '../events/catalog.js'
import { persistedOptOut } from './identity.js'
import type { EarlyEvent, EarlyPage } from './beacon.js'
import type { Build } from './builds.js'
import { PENDING } from './pending.js'
import { resolveOptions, validateOptions, type InitOptions, type ResolvedOptions } from './options.js'
import { hasPrivacySignal, pageMask } from './privacy.js'
import { watchHistory } from './history.js'
import { captureLanding } from '../attribution/landing.js'

/** Event properties: JSON-serialisable values. */
export type Properties = Record<string, unknown>

/** What the lazy part brings: posthog-js and the config firstparty runs it with. */
export interface Loaded {
  posthog: PostHog
  toPostHogConfig: typeof toPostHogConfig
  /** Runs right after `posthog.init` (attribution, development event check); returns what to run after the queue is replayed. */
  afterInit?: (posthog: PostHog, options: ResolvedOptions) => () => void
}

/** Loads the lazy part in the given build; the npm entry imports a chunk, the `<script>` bundle a sibling file. */
export type Loader = (build: Build) => Promise<Loaded>

/** Loads the early part (early.ts): context, beacon and bootstrap ids for events captured before posthog-js. */
export type EarlyLoader = () => Promise<typeof import('./early.js')>

/** Loads the cross-domain link module (only for sites with `attribution.crossDomain`). */
export type CrossDomainLoader = () => Promise<typeof import('./cross-domain.js')>

/** What `init` returns. Every method is safe to call at any time, before or after posthog-js loads. */
export interface Client {
  /**
   * Capture an event of the catalog (`interface Events`): a wrong name, a missing or mistyped
   * property is a compile error. Calls made before posthog-js loaded are queued and sent in order
   * with their original time.
   */
  track<K extends EventName>(event: K, ...properties: EventArgs<K>): void
  /** Link this visitor to a known user id (after signup or login), optionally setting person properties. */
  identify(distinctId: string, properties?: Properties): void
  /** Forget the current user (on logout): new anonymous id, no properties carried over. */
  reset(): void
  /** Stop capturing for this visitor and remember the choice. */
  optOut(): void
  /** Resume capturing for this visitor and remember the choice. */
  optIn(): void
  /**
   * Send everything pending now with `sendBeacon` (called automatically on `pagehide`). Before the early part
   * has arrived (one round trip after `init`), the events are kept in localStorage instead and sent by the
   * next page of this site, or by this page if it is restored from the back/forward cache.
   */
  flush(): void
  /** Why nothing is captured, or `undefined` while capturing is on. */
  readonly disabled: 'server' | 'privacy-signal' | 'opted-out' | 'invalid-options' | 'load-failed' | undefined
  /** Resolves with the posthog-js instance once loaded, or `undefined` if it never will be. */
  readonly ready: Promise<PostHog | undefined>
}

type Call = (ph: PostHog) => void

/** A client that does nothing, for servers, refused consent and broken configuration. */
function inertClient(reason: NonNullable<Client['disabled']>): Client {
  const noop = (): void => {}
  return { track: noop, identify: noop, reset: noop, optOut: noop, optIn: noop, flush: noop, disabled: reason, ready: Promise.resolve() as Promise<undefined> }
}

/**
 * Create a client on top of a posthog-js loader. The page pays only for this file until the loader runs.
 * @internal use `init` from `firstparty` or `window.firstparty.init`
 */
export function createClient(input: InitOptions, loader: Loader, early: EarlyLoader, crossDomain?: CrossDomainLoader): Client {
  // No document: a server render or a worker.
  if (typeof document === 'undefined') return inertClient('server')
  let o: ResolvedOptions
  try {
    // Spelled out (not the DEV constant) so every bundler's define drops the validation from production builds.
    if (process.env.NODE_ENV !== 'production') validateOptions(input)
    o = resolveOptions(input, DEV)
  } catch (error) {
    // Loud in development, never a broken page in production.
    const debug = (input as InitOptions | undefined)?.debug
    if (debug === true || (DEV && debug !== false)) throw error
    console.error(`${PREFIX} ${(error as Error).message}`)
    return inertClient('invalid-options')
  }
  if (o.respectPrivacySignals && hasPrivacySignal(navigator)) {
    if (process.env.NODE_ENV !== 'production' && o.debug) warn('Global Privacy Control or Do Not Track is on: nothing is captured or loaded.')
    return inertClient('privacy-signal')
  }

  let ph: PostHog | undefined
  let disabled: Client['disabled'] = persistedOptOut(o.token) ? 'opted-out' : undefined
  // Click id values are personal data: only their presence is kept (posthog-js masks them too). The
  // cross-domain parameter (anonymous id and touches) may still be on the address bar here: dropped.
  const mask = pageMask(o.maskParams)
  const a = o.attribution
  // The landing, kept now (synchronously): the visitor may be on another page when posthog-js loads.
  const landings = a && !disabled ? captureLanding(location.href, document.referrer, mask, (a as { crossSubdomain?: boolean }).crossSubdomain !== false) : []
  // Cross-domain links: a tiny module fetched now, not at idle, so it decorates links before a fast click
  // and adopts an arriving id before posthog-js loads; sites without `crossDomain` never fetch it.
  const hosts = (o.attribution as AttributionOptions).crossDomain
  // The module checks the list itself: anything with a length fetches it.
  if (crossDomain && hosts?.length)
    crossDomain().then(
      (m) => m.crossDomainAttribution(o.token, o.attribution, !disabled),
      () => {},
    )
  // The early part is fetched now, beside this file rather than in it: the critical path only records
  // strings, and a visitor who leaves before posthog-js loads is beaconed by it. Should it fail to
  // load, posthog-js still gets the queue (it adds its own context then).
  // `undefined` while on its way, `null` when it failed (then nothing is kept for a next page that can't send it).
  let earlyPart: Awaited<ReturnType<EarlyLoader>> | undefined | null
  const earlyReady = early().then(
    (part) => void (earlyPart = part),
    () => void (earlyPart = null),
  )
  const calls: Call[] = []
  // Captures still waiting for posthog-js, kept apart so `pagehide` can beacon them.
  const queued: EarlyEvent[] = []
  let resolveReady: (ph: PostHog | undefined) => void = () => {}
  const ready = new Promise<PostHog | undefined>((r) => (resolveReady = r))

  const call = (fn: Call): void => {
    if (ph) fn(ph)
    else calls.push(fn)
  }

  const start = (): void => {
    // The early part picks the smallest build for the options; without it, the one that runs them all.
    earlyReady
      .then(() => loader(earlyPart?.lazyBuild(o) ?? 'full'))
      .then(
        ({ posthog: instance, toPostHogConfig, afterInit }) => {
          instance.init(o.token, toPostHogConfig(o, mask, earlyPart?.bootstrapIds(o.token)))
          // Attribution registers its properties before the queued events go out, so they carry them.
          const after = afterInit?.(instance, o)
          ph = instance
          queued.length = 0
          for (const fn of calls.splice(0)) fn(instance)
          after?.()
          resolveReady(instance)
        },
        (error: unknown) => {
          disabled = 'load-failed'
          calls.length = queued.length = 0
          // Once per client, so not deduplicated like warn(): that Set would cost the critical path.
          console.warn(`${PREFIX} posthog-js failed to load: ${String(error)}`)
          resolveReady(undefined)
        },
      )
  }
  // Idle is judged by the early part (schedule.ts), which the load waits for anyway.
  if (o.load === 'eager') start()
  else earlyReady.then(() => (earlyPart ? earlyPart.whenIdle(start, o.loadTimeout) : start()))

  const flush = (): void => {
    if (ph) {
      // posthog-js flushes its queue on pagehide by itself; this makes the same happen on demand.
      ;(ph as PostHog & { _requestQueue?: { unload(): void } })._requestQueue?.unload()
      return
    }
    if (!queued.length || disabled) return
    try {
      // Delivered (or kept for the next page) events leave the replay queue so they are not sent twice.
      if (
        earlyPart
          ? earlyPart.beaconEarly(o.apiHost, o.token, queued, landings[0], snapshot())
          : earlyPart === undefined && (localStorage.setItem(`${PENDING}${o.token}_${Date.now()}`, JSON.stringify(queued)), 1)
      )
        for (const e of queued.splice(0)) beaconed.add(e)
    } catch {
      // storage blocked or full: the events stay queued for posthog-js
    }
  }
  const beaconed = new WeakSet<EarlyEvent>()
  // The page as raw strings, kept at capture time: the URL may change before posthog-js loads.
  const snapshot = (): EarlyPage => ({ url: mask(location.href), referrer: mask(document.referrer), title: document.title })

  // `left`: the page a `$pageleave` is for, when the address bar already shows the next one.
  const track = (event: string, properties?: Properties, left?: EarlyPage): void => {
    if (disabled) return
    if (typeof event !== 'string' || event === '') {
      // Development builds only: production pages stay small and never break.
      if (process.env.NODE_ENV !== 'production' && o.debug)
        throw new FirstpartyError(`track(): the event name must be a non-empty string, got ${JSON.stringify(event)}`)
      return
    }
    const entry: EarlyEvent = { event, properties: { ...properties }, timestamp: new Date(), page: left ?? snapshot() }
    if (ph) {
      // posthog-js reads the address bar, which shows the next page by now: the page left is described by us.
      ph.capture(event, left && earlyPart ? earlyPart.earlyProperties(entry, landings.at(-1)) : entry.properties)
      return
    }
    queued.push(entry)
    calls.push((instance) => {
      if (beaconed.has(entry)) return
      // What posthog-js would have added at capture time; the site's properties win. posthog-js sends
      // a capture with options at once, outside its batch, unless it has a `_batchKey`: a visitor leaving
      // while that request was still being compressed lost the event, or sent it twice. Batched, it
      // leaves with the page's `pagehide` beacon like every other event.
      instance.capture(entry.event, earlyPart ? earlyPart.replayProperties(entry, landings.at(-1)) : entry.properties, {
        timestamp: entry.timestamp,
        _batchKey: 'firstparty',
      })
    })
  }

  const pageviews = o.capturePageview
  // The page being left, for its $pageleave; posthog-js sends the last one on unload once loaded.
  let page = snapshot()
  addEventListener('pagehide', () => {
    if (pageviews && !ph) track('$pageleave', {}, page)
    flush()
  })
  if (pageviews) track('$pageview')
  if (pageviews && pageviews !== true) {
    watchHistory((navigated) => {
      if (navigated) track('$pageleave', {}, page)
      // The page's latest URL, for the $pageleave when it is left.
      page = snapshot()
      if (navigated) track('$pageview')
    }, pageviews === 'hash')
  }
  // Once the early part is here: the guard's blocks become `tracker_blocked` events (the guard keeps every block),
  // and what earlier pages kept for it (see flush) goes out.
  earlyReady.then(() => earlyPart?.arrived(o.apiHost, o.token, landings, track))

  return {
    track: ((event: string, properties?: Properties) => track(event, properties)) as Client['track'],
    identify: (id, properties) => {
      if (typeof id !== 'string' || !id) {
        if (process.env.NODE_ENV !== 'production' && o.debug) throw new FirstpartyError('identify(): the distinct id must be a non-empty string')
        return
      }
      call((p) => p.identify(id, properties))
    },
    reset: () => call((p) => p.reset()),
    optOut: () => {
      disabled = 'opted-out'
      calls.length = queued.length = 0
      call((p) => p.opt_out_capturing())
      try {
        localStorage.setItem(`__ph_opt_in_out_${o.token}`, '0')
      } catch {
        // storage blocked: the choice holds for this page
      }
    },
    optIn: () => {
      disabled = undefined
      call((p) => p.opt_in_capturing())
    },
    flush,
    get disabled() {
      return disabled
    },
    ready,
  }
}
