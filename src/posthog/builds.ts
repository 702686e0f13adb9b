import type { ResolvedOptions } from './options.js'

/**
 * Which posthog-js build the lazy part loads. None of them ever loads a script from elsewhere.
 * - `slim`: `posthog-js/dist/module.slim.no-external.js`, the default: capture, identify,
 *   persistence, sessions, pageleave, batching and the unload beacon, without the extensions.
 * - `standard`: `posthog-js/no-external`, with the extensions: autocapture, heatmaps, dead clicks,
 *   web vitals, exceptions, history pageviews, feature flags, toolbar.
 * - `full`: `posthog-js/full/no-external`, the extensions inlined: session recording, surveys.
 */
export type Build = 'slim' | 'standard' | 'full'

// posthog-js options (the `posthog` escape hatch) that only work with the extensions.
const EXTENSION_OPTIONS = [
  'autocapture',
  'rageclick',
  'capture_heatmaps',
  'enable_heatmaps',
  'capture_dead_clicks',
  'capture_exceptions',
  'capture_performance',
  'capture_pageview',
]

/**
 * The smallest build that runs every option the site turned on.
 * @example
 * ```ts
 * lazyBuild(resolveOptions({ token: 'phc_…', autocapture: true }, false)) // 'standard'
 * ```
 */
export function lazyBuild(o: Pick<ResolvedOptions, 'sessionRecording' | 'surveys' | 'autocapture' | 'posthog'>): Build {
  if (o.sessionRecording || o.surveys) return 'full'
  const raw = (o.posthog ?? {}) as Record<string, unknown>
  // Flags, experiments and the toolbar: on when the site switched firstparty's off-defaults back on.
  const flags = raw.advanced_disable_flags === false || raw.disable_web_experiments === false
  return o.autocapture || flags || EXTENSION_OPTIONS.some((name) => raw[name]) ? 'standard' : 'slim'
}

/** File name of a build's bundle for the `<script>` build, next to `firstparty.global.js`. */
export const buildFile = (build: Build): string => `firstparty.posthog${build === 'slim' ? '' : `-${build}`}.js`
