import type { PostHogConfig } from 'posthog-js'
import { FirstpartyError } from '../errors.js'

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
  /** Capture one `$pageview` when the page loads. @default true */
  capturePageview?: boolean
  /** posthog-js autocapture of clicks and form submits. @default false */
  autocapture?: boolean
  /** Session recording (needs `posthog-js/full/no-external`, bundled lazily). @default false */
  sessionRecording?: boolean
  /** In-page surveys. @default false */
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
}

/** {@link InitOptions} with every default filled in. */
export type ResolvedOptions = Required<Omit<InitOptions, 'uiHost' | 'posthog' | 'debug'>> &
  Pick<InitOptions, 'uiHost' | 'posthog'> & { debug: boolean }

const KNOWN = new Set<string>([
  'token', 'apiHost', 'uiHost', 'respectPrivacySignals', 'maskParams', 'capturePageview', 'autocapture',
  'sessionRecording', 'surveys', 'persistence', 'load', 'loadTimeout', 'debug', 'posthog',
])
const BOOLEANS = ['respectPrivacySignals', 'capturePageview', 'autocapture', 'sessionRecording', 'surveys', 'debug'] as const
const PERSISTENCE: readonly string[] = ['localStorage+cookie', 'localStorage', 'cookie', 'memory', 'sessionStorage']

/**
 * Check options and fill in defaults. Throws a {@link FirstpartyError} naming the bad option.
 * @param input - what the site passed to `init`
 * @param dev - development default for `debug`
 */
export function resolveOptions(input: unknown, dev: boolean): ResolvedOptions {
  if (typeof input !== 'object' || input === null) {
    throw new FirstpartyError('init() needs an options object, e.g. init({ token: "phc_…" })')
  }
  const o = input as Record<string, unknown>
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) {
      throw new FirstpartyError(`init(): unknown option "${key}". Known options: ${[...KNOWN].join(', ')}`)
    }
  }
  if (typeof o.token !== 'string' || o.token.trim() === '') {
    throw new FirstpartyError('init(): "token" must be your PostHog project API key (a non-empty string)')
  }
  for (const key of BOOLEANS) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') {
      throw new FirstpartyError(`init(): "${key}" must be true or false, got ${JSON.stringify(o[key])}`)
    }
  }
  const apiHost = o.apiHost ?? '/ingest'
  if (typeof apiHost !== 'string' || !/^(\/|https?:\/\/)/.test(apiHost)) {
    throw new FirstpartyError(`init(): "apiHost" must be a path on your site ("/ingest") or an http(s) URL, got ${JSON.stringify(o.apiHost)}`)
  }
  if (o.uiHost !== undefined && (typeof o.uiHost !== 'string' || !/^https?:\/\//.test(o.uiHost))) {
    throw new FirstpartyError(`init(): "uiHost" must be an http(s) URL, got ${JSON.stringify(o.uiHost)}`)
  }
  if (o.maskParams !== undefined && (!Array.isArray(o.maskParams) || o.maskParams.some((p) => typeof p !== 'string'))) {
    throw new FirstpartyError('init(): "maskParams" must be an array of parameter names')
  }
  if (o.persistence !== undefined && !PERSISTENCE.includes(o.persistence as string)) {
    throw new FirstpartyError(`init(): "persistence" must be one of ${PERSISTENCE.join(', ')}`)
  }
  if (o.load !== undefined && o.load !== 'idle' && o.load !== 'eager') {
    throw new FirstpartyError('init(): "load" must be "idle" or "eager"')
  }
  if (o.loadTimeout !== undefined && (typeof o.loadTimeout !== 'number' || !(o.loadTimeout >= 0) || !Number.isFinite(o.loadTimeout))) {
    throw new FirstpartyError('init(): "loadTimeout" must be a number of milliseconds ≥ 0')
  }
  if (o.posthog !== undefined && (typeof o.posthog !== 'object' || o.posthog === null)) {
    throw new FirstpartyError('init(): "posthog" must be an object of posthog-js config')
  }
  const opts = o as unknown as InitOptions
  return {
    token: opts.token,
    apiHost: apiHost.replace(/\/+$/, ''),
    uiHost: opts.uiHost,
    respectPrivacySignals: opts.respectPrivacySignals ?? true,
    maskParams: opts.maskParams ?? [],
    capturePageview: opts.capturePageview ?? true,
    autocapture: opts.autocapture ?? false,
    sessionRecording: opts.sessionRecording ?? false,
    surveys: opts.surveys ?? false,
    persistence: opts.persistence ?? 'localStorage+cookie',
    load: opts.load ?? 'idle',
    loadTimeout: opts.loadTimeout ?? 3000,
    debug: opts.debug ?? dev,
    posthog: opts.posthog,
  }
}
