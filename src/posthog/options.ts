import type { PostHogConfig } from 'posthog-js'
import { FirstpartyError } from '../errors.js'
import type { AttributionOptions } from '../attribution/touch.js'

/** Where posthog-js keeps its state. */
export type Persistence = 'localStorage+cookie' | 'localStorage' | 'cookie' | 'memory' | 'sessionStorage'

/** Options of {@link init}. Everything but `token` has a default chosen for marketing pages. */
export interface InitOptions {
  /** PostHog project API key (`phc_…`). Required. */
  token: string
  /**
   * Where events are sent: a path on your own origin that your server forwards to PostHog
   * (reverse proxy), or a full URL of a host you control.
   * @default '/ingest'
   */
  apiHost?: string
  /** PostHog app URL used only for links (toolbar); never contacted by the page. */
  uiHost?: string
  /**
   * Capture nothing (and load nothing) when the browser sends Global Privacy Control or Do Not Track.
   * @default true
   */
  respectPrivacySignals?: boolean
  /** More query parameter names whose values are masked in URLs, besides `token`, `key`, `password`, `email`… */
  maskParams?: readonly string[]
  /**
   * Pageviews, queued like every event until posthog-js has loaded:
   * - `'history'`: one `$pageview` when the page loads, and one for each client-side navigation
   *   (`pushState`, `replaceState`, back/forward) to a new path, with a `$pageleave` for the page left.
   *   Right for Next.js, Vite or plain SPAs, Astro view transitions, and plain multi-page sites alike.
   * - `'hash'`: as `'history'`, and a change of `#hash` alone counts as a navigation too (hash routers).
   * - `true`: one `$pageview` per page load only (the site captures its own navigations).
   * - `false`: none.
   *
   * `$pageleave` is sent when the page is left whenever pageviews are on.
   * @default 'history'
   */
  capturePageview?: boolean | 'history' | 'hash'
  /** posthog-js autocapture of clicks and form submits (loads the fuller posthog-js build). @default false */
  autocapture?: boolean
  /** Session recording (loads the full posthog-js build, `posthog-js/full/no-external`). @default false */
  sessionRecording?: boolean
  /** In-page surveys (loads the full posthog-js build). @default false */
  surveys?: boolean
  /** posthog-js persistence. @default 'localStorage+cookie' */
  persistence?: Persistence
  /**
   * When posthog-js is fetched: `'idle'` waits until the page is interactive and the main thread is idle,
   * `'eager'` starts at once.
   * @default 'idle'
   */
  load?: 'idle' | 'eager'
  /** Longest wait for an idle moment before loading anyway, in milliseconds. @default 3000 */
  loadTimeout?: number
  /** Loud mode: throw on bad options and log what happens. @default true in development builds */
  debug?: boolean
  /** Raw posthog-js config, merged last. An escape hatch: firstparty's privacy defaults can be undone here. */
  posthog?: Partial<PostHogConfig>
  /**
   * Campaign and referral attribution, run once posthog-js has loaded: first/last touch in a
   * first-party cookie, sent as `first_touch_*` / `last_touch_*` properties. `false` turns it off;
   * an object tunes it (creator-code names, creators, channel rules, TTL, cross-subdomain, URL clean-up).
   * @default true
   */
  attribution?: boolean | AttributionOptions
}

/** {@link InitOptions} with every default filled in. */
export type ResolvedOptions = Required<Omit<InitOptions, 'uiHost' | 'posthog' | 'debug'>> & {
  uiHost: string | undefined
  posthog: InitOptions['posthog'] | undefined
  debug: boolean
}

type Check = [test: (v: unknown) => boolean, expected: string]
const bool: Check = [(v) => typeof v === 'boolean', 'true or false']
const url: Check = [(v) => typeof v === 'string' && /^(\/|https?:\/\/)/.test(v), 'a path on your site ("/ingest") or an http(s) URL']
const object: Check = [(v) => typeof v === 'object' && v !== null, 'an object']

/** What each option accepts; the message names the option and what it expects. */
const CHECKS: Record<keyof InitOptions, Check> = {
  token: [(v) => typeof v === 'string' && v.trim() !== '', 'your PostHog project API key (a non-empty string)'],
  apiHost: url,
  uiHost: [(v) => typeof v === 'string' && /^https?:\/\//.test(v), 'an http(s) URL'],
  respectPrivacySignals: bool,
  maskParams: [(v) => Array.isArray(v) && v.every((p) => typeof p === 'string'), 'an array of parameter names'],
  capturePageview: [(v) => typeof v === 'boolean' || v === 'history' || v === 'hash', "true, false, 'history' or 'hash'"],
  autocapture: bool,
  sessionRecording: bool,
  surveys: bool,
  persistence: [
    (v) => ['localStorage+cookie', 'localStorage', 'cookie', 'memory', 'sessionStorage'].includes(v as string),
    'localStorage+cookie, localStorage, cookie, memory or sessionStorage',
  ],
  load: [(v) => v === 'idle' || v === 'eager', '"idle" or "eager"'],
  loadTimeout: [(v) => typeof v === 'number' && v >= 0 && v < Infinity, 'a number of milliseconds ≥ 0'],
  debug: bool,
  posthog: object,
  // Sub-options are checked in the lazy part (attribution runs there), with a warning.
  attribution: [(v) => typeof v === 'boolean' || object[0](v), 'true, false or an object of attribution options'],
}

/**
 * Check every option; throws a {@link FirstpartyError} naming the bad option and what it expects.
 * Runs in development builds only: production builds drop it to keep the page's critical path small.
 * @param input - what the site passed to `init`
 */
export function validateOptions(input: unknown): asserts input is InitOptions {
  if (!object[0](input)) throw new FirstpartyError('init() needs an options object: init({ token: "phc_…" })')
  for (const [key, value] of Object.entries(input as object)) {
    const check = CHECKS[key as keyof InitOptions] as Check | undefined
    if (!check) throw new FirstpartyError(`init(): unknown option "${key}"; known: ${Object.keys(CHECKS).join(', ')}`)
    if (value !== undefined && !check[0](value)) throw new FirstpartyError(`init(): "${key}" must be ${check[1]}, got ${JSON.stringify(value)}`)
  }
  if ((input as InitOptions).token === undefined) throw new FirstpartyError(`init(): "token" must be ${CHECKS.token[1]}`)
}

const DEFAULTS = {
  apiHost: '/ingest',
  respectPrivacySignals: true,
  maskParams: [],
  capturePageview: 'history',
  autocapture: false,
  sessionRecording: false,
  surveys: false,
  persistence: 'localStorage+cookie',
  load: 'idle',
  loadTimeout: 3000,
  attribution: true,
}

/**
 * Fill in defaults. Without a token nothing can work, so that is checked in every build;
 * {@link validateOptions} checks the rest in development builds.
 * @param input - what the site passed to `init`
 * @param dev - development build: `debug` defaults to true
 */
export function resolveOptions(input: unknown, dev: boolean): ResolvedOptions {
  const o = (input ?? {}) as InitOptions
  if (!o.token) throw new FirstpartyError('init(): "token" is required')
  const resolved: Record<string, unknown> = { ...DEFAULTS, debug: dev }
  // An option given as `undefined` keeps its default.
  for (const [key, value] of Object.entries(o)) if (value !== undefined) resolved[key] = value
  resolved.apiHost = (resolved.apiHost as string).replace(/\/+$/, '')
  return resolved as ResolvedOptions
}
