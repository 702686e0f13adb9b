/** What each path under the ingest prefix is, as posthog-js uses them. */
export type Route = 'capture' | 'recording' | 'flags' | 'config' | 'config-js' | 'asset' | 'unknown'

const CAPTURE = /^\/(e|i\/v0\/e|batch|capture|track|engage|i\/v1\/logs)\/?$/
const RECORDING = /^\/s\/?$/
const FLAGS = /^\/(flags|decide)\/?$/
const CONFIG = /^\/array\/[^/]+\/config$/
const CONFIG_JS = /^\/array\/[^/]+\/config\.js$/

/** Classify a path relative to the ingest prefix (e.g. `/e/`). */
export function routeOf(path: string): Route {
  if (CAPTURE.test(path)) return 'capture'
  if (RECORDING.test(path)) return 'recording'
  if (FLAGS.test(path)) return 'flags'
  if (CONFIG.test(path)) return 'config'
  if (CONFIG_JS.test(path)) return 'config-js'
  if (path.startsWith('/static/') || path.startsWith('/array/')) return 'asset'
  return 'unknown'
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
