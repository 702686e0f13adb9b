import type { Loaded } from './client.js'
import type { ResolvedOptions } from './options.js'

/** Loader for bundlers: posthog-js becomes a lazy chunk of the site's own build. */
export function importPostHog(options: ResolvedOptions): Promise<Loaded> {
  return (options.sessionRecording || options.surveys ? import('./loaded-full.js') : import('./loaded.js')) as Promise<Loaded>
}
