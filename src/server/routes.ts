/**
 * The routes posthog-js really uses under its `api_host`, one table for the sink and the proxy.
 *
 * Derived from posthog-js 1.449 (`lib/src/request-router.js`, `posthog-core.js`, `remote-config.js`,
 * `entrypoints/external-scripts-loader.js`, `@posthog/browser-common` feature-flags and surveys):
 *
 * | route | posthog-js call | PostHog host |
 * |---|---|---|
 * | `/e/` (and the legacy `/i/v0/e/` that remote config may name) | event batches, `sendBeacon` | ingestion |
 * | `/s/` | session-recording snapshots | ingestion |
 * | `/flags/` (`/decide/` before 1.200) | feature flags | ingestion |
 * | `/i/v1/logs`, `/i/v1/metrics` | console-log and metrics capture | ingestion |
 * | `/api/surveys/`, `/api/web_experiments/`, `/api/product_tours/`, `/api/early_access_features/` | feature data | ingestion |
 * | `/array/<token>/config`, `/array/<token>/config.js` | remote config | assets |
 * | `/static/<file>.js`, `/static/<version>/<file>.js` | lazy extensions (recorder, surveys, toolbar…) | assets |
 *
 * Anything else is refused: the proxy is a door to PostHog's ingestion API, not to PostHog's app or any other host.
 */

/** What a path under the ingest prefix is. */
export type Route = 'capture' | 'recording' | 'flags' | 'logs' | 'api' | 'config' | 'config-js' | 'asset' | 'unknown'

/** Which PostHog host serves a route: the ingestion host or its `-assets` twin. */
export type UpstreamHost = 'api' | 'assets'

interface RouteRule {
  route: Exclude<Route, 'unknown'>
  host: UpstreamHost
  methods: readonly string[]
  /** Matches the path's segments, without the empty segment a trailing slash leaves. */
  test: (segments: readonly string[]) => boolean
}

const POST = ['POST'] as const
const GET = ['GET', 'HEAD'] as const
const ANY = ['GET', 'HEAD', 'POST'] as const

/** A project token (`phc_…`) as it appears in `/array/<token>/`. */
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/
/** A static bundle name such as `lazy-recorder.js` or `surveys.js`. */
const ASSET_FILE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(\.[A-Za-z0-9_-]{1,32}){0,3}\.(js|css)$/
/** A posthog-js version folder such as `1.449.2`. */
const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}([-.][A-Za-z0-9]{1,32}){0,3}$/

const exact =
  (...expected: string[]) =>
  (segments: readonly string[]) =>
    segments.length === expected.length && expected.every((segment, i) => segments[i] === segment)

const RULES: readonly RouteRule[] = [
  { route: 'capture', host: 'api', methods: POST, test: exact('e') },
  { route: 'capture', host: 'api', methods: POST, test: exact('i', 'v0', 'e') },
  { route: 'recording', host: 'api', methods: POST, test: exact('s') },
  { route: 'flags', host: 'api', methods: ANY, test: exact('flags') },
  { route: 'flags', host: 'api', methods: ANY, test: exact('decide') },
  { route: 'logs', host: 'api', methods: POST, test: exact('i', 'v1', 'logs') },
  { route: 'logs', host: 'api', methods: POST, test: exact('i', 'v1', 'metrics') },
  { route: 'api', host: 'api', methods: GET, test: exact('api', 'surveys') },
  { route: 'api', host: 'api', methods: GET, test: exact('api', 'web_experiments') },
  { route: 'api', host: 'api', methods: GET, test: exact('api', 'product_tours') },
  { route: 'api', host: 'api', methods: GET, test: exact('api', 'early_access_features') },
  {
    route: 'config',
    host: 'assets',
    methods: GET,
    test: (s) => s.length === 3 && s[0] === 'array' && TOKEN.test(s[1] ?? '') && s[2] === 'config',
  },
  {
    route: 'config-js',
    host: 'assets',
    methods: GET,
    test: (s) => s.length === 3 && s[0] === 'array' && TOKEN.test(s[1] ?? '') && s[2] === 'config.js',
  },
  {
    route: 'asset',
    host: 'assets',
    methods: GET,
    test: (s) =>
      s[0] === 'static' && ((s.length === 2 && ASSET_FILE.test(s[1] ?? '')) || (s.length === 3 && VERSION.test(s[1] ?? '') && ASSET_FILE.test(s[2] ?? ''))),
  },
]

/** A route of the allowlist, with the host that serves it and the methods it takes. */
export interface RouteMatch {
  route: Exclude<Route, 'unknown'>
  host: UpstreamHost
  methods: readonly string[]
}

/**
 * The allowlisted route for already-validated path segments (see `parseIngestPath`), or undefined.
 * @example
 * ```ts
 * matchRoute(['e'])                        // { route: 'capture', host: 'api', methods: ['POST'] }
 * matchRoute(['array', 'phc_x', 'config']) // { route: 'config', host: 'assets', … }
 * matchRoute(['api', 'projects'])          // undefined: PostHog's app API is not proxied
 * ```
 */
export function matchRoute(segments: readonly string[]): RouteMatch | undefined {
  const rule = RULES.find((r) => r.test(segments))
  return rule && { route: rule.route, host: rule.host, methods: rule.methods }
}

/** Remote config the sink serves: no flags, no recording, no surveys, compression the sink reads. */
export const REMOTE_CONFIG = {
  supportedCompression: ['gzip-js', 'base64'],
  hasFeatureFlags: false,
  sessionRecording: false,
  surveys: false,
  heatmaps: false,
  autocaptureExceptions: false,
  siteApps: [],
}

/** The `config.js` form of {@link REMOTE_CONFIG}, for token `token`. */
export function remoteConfigJs(token: string): string {
  const t = JSON.stringify(token)
  return `window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};window._POSTHOG_REMOTE_CONFIG[${t}]={config:${JSON.stringify(REMOTE_CONFIG)},siteApps:[]};`
}
