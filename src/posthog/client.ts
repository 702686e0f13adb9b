import type { PostHog } from 'posthog-js'
import type { AttributionOptions } from '../attribution/touch.js'
import { DEV, FirstpartyError, PREFIX, warn } from '../errors.js'
import type { toPostHogConfig } from './config.js'
import type { EventArgs, EventName } from '../events/catalog.js'
import { earlyDistinctId, earlySessionId, persistedDistinctId, persistedOptOut, persistedSessionId } from './identity.js'
import { sendEarly, type EarlyEvent } from './beacon.js'
import { resolveOptions, validateOptions, type InitOptions, type ResolvedOptions } from './options.js'
import { hasPrivacySignal, maskUrl } from './privacy.js'
import { whenIdle } from './schedule.js'
import { watchHistory } from './history.js'
import { pageContext } from './context.js'
import { initialOf } from './campaign.js'
import { captureLanding } from '../attribution/landing.js'
import { POSTHOG_CLICK_ID_PARAMS, withoutCarried } from '../attribution/params.js'

/** Event properties: JSON-serialisable values. */
export type Properties = Record<string, unknown>

/** What the lazy part brings: posthog-js and the config firstparty runs it with. */
export interface Loaded {
  posthog: PostHog
  toPostHogConfig: typeof toPostHogConfig
  /** Runs right after `posthog.init` (attribution, development event check); returns what to run after the queue is replayed. */
  afterInit?: (posthog: PostHog, options: ResolvedOptions) => () => void
}

/** Loads the lazy part; the npm entry imports a chunk, the `<script>` bundle a sibling file. */
export type Loader = (options: ResolvedOptions) => Promise<Loaded>

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
  /** Send everything pending now with `sendBeacon` (called automatically on `pagehide`). */
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
  return { track: noop, identify: noop, reset: noop, optOut: noop, optIn: noop, flush: noop, disabled: reason, ready: Promise.resolve(undefined) }
}

/**
 * Create a client on top of a posthog-js loader. The page pays only for this file until the loader runs.
 * @internal use `init` from `firstparty` or `window.firstparty.init`
 */
export function createClient(input: InitOptions, loader: Loader, crossDomain?: CrossDomainLoader): Client {
  if (typeof window === 'undefined' || typeof document === 'undefined') return inertClient('server')
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
  const mask = (url: string): string => maskUrl(withoutCarried(url), [...o.maskParams, ...POSTHOG_CLICK_ID_PARAMS])
  const a = o.attribution
  // The landing, kept now (synchronously): the visitor may be on another page when posthog-js loads.
  const landings = a && !disabled ? captureLanding(location.href, document.referrer, mask, (a as { crossSubdomain?: boolean }).crossSubdomain !== false) : []
  // Cross-domain links: a tiny module fetched now, not at idle, so it decorates links before a fast click
  // and adopts an arriving id before posthog-js loads; sites without `crossDomain` never fetch it.
  const hosts = (o.attribution as AttributionOptions).crossDomain
  if (crossDomain && Array.isArray(hosts) && hosts.length) crossDomain().then((m) => m.crossDomainAttribution(o.token, o.attribution, !disabled), () => {})
  const calls: Call[] = []
  // Captures still waiting for posthog-js, kept apart so `pagehide` can beacon them.
  const early: EarlyEvent[] = []
  let resolveReady: (ph: PostHog | undefined) => void = () => {}
  const ready = new Promise<PostHog | undefined>((r) => (resolveReady = r))

  const call = (fn: Call): void => {
    if (ph) fn(ph)
    else calls.push(fn)
  }

  const start = (): void => {
    loader(o).then(
      ({ posthog: instance, toPostHogConfig, afterInit }) => {
        const bootstrapId = persistedDistinctId(o.token) ? undefined : earlyDistinctId(o.token)
        instance.init(o.token, toPostHogConfig(o, bootstrapId, persistedSessionId(o.token) ? undefined : earlySessionId(o.token)))
        // Attribution registers its properties before the queued events go out, so they carry them.
        const after = afterInit?.(instance, o)
        ph = instance
        early.length = 0
        for (const fn of calls.splice(0)) fn(instance)
        after?.()
        resolveReady(instance)
      },
      (error: unknown) => {
        disabled = 'load-failed'
        calls.length = early.length = 0
        warn(`posthog-js failed to load: ${String(error)}`)
        resolveReady(undefined)
      },
    )
  }
  if (o.load === 'eager') start()
  else whenIdle(start, o.loadTimeout)

  const flush = (): void => {
    if (ph) {
      // posthog-js flushes its queue on pagehide by itself; this makes the same happen on demand.
      ;(ph as PostHog & { _requestQueue?: { unload(): void } })._requestQueue?.unload()
      return
    }
    if (!early.length || disabled) return
    const landing = landings[0]
    const who = {
      distinctId: persistedDistinctId(o.token) ?? earlyDistinctId(o.token),
      sessionId: earlySessionId(o.token),
      initial: landing ? initialOf(landing.u, landing.r) : initialOf(mask(location.href), mask(document.referrer)),
    }
    // Delivered events leave the replay queue so they are not sent twice.
    if (sendEarly(o.apiHost, o.token, who, early)) for (const e of early.splice(0)) beaconed.add(e)
  }
  const beaconed = new WeakSet<EarlyEvent>()

  const track = (event: string, properties?: Properties): void => {
    if (disabled) return
    if (typeof event !== 'string' || event === '') {
      // Development builds only: production pages stay small and never break.
      if (process.env.NODE_ENV !== 'production' && o.debug) throw new FirstpartyError(`track(): the event name must be a non-empty string, got ${JSON.stringify(event)}`)
      return
    }
    if (ph) {
      ph.capture(event, { ...properties })
      return
    }
    // What posthog-js would add now, kept now: the URL may change before posthog-js loads. Site properties win.
    const entry: EarlyEvent = { event, properties: { ...pageContext(event, mask, landings.at(-1)), ...properties }, timestamp: new Date() }
    early.push(entry)
    calls.push((instance) => {
      if (beaconed.has(entry)) return
      // posthog-js would overwrite `title` with the current page's (see earlyTitleStep).
      instance.capture(entry.event, { ...entry.properties, $early_title: entry.properties.title }, { timestamp: entry.timestamp })
    })
  }

  const pageviews = o.capturePageview
  // The page being left, for its $pageleave; posthog-js sends the last one on unload once loaded.
  let page = pageContext('$pageleave', mask, landings.at(-1))
  addEventListener('pagehide', () => {
    if (pageviews && !ph) track('$pageleave', page)
    flush()
  })
  if (pageviews) track('$pageview')
  if (pageviews && pageviews !== true) {
    watchHistory((navigated) => {
      if (navigated) track('$pageleave', page)
      // The page's latest URL, for the $pageleave when it is left.
      page = pageContext('$pageleave', mask, landings.at(-1))
      if (navigated) track('$pageview')
    }, pageviews === 'hash')
  }
  // The guard (loaded first) reports each block; blocks from before init are in window.firstparty.blocked.
  const blocked = (b: unknown): void => track('tracker_blocked', b as Properties)
  ;((window as { firstparty?: { blocked?: unknown[] } }).firstparty?.blocked ?? []).forEach(blocked)
  addEventListener('firstparty:blocked', (e) => blocked((e as CustomEvent).detail))

  return {
    track: track as Client['track'],
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
      calls.length = early.length = 0
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
