import type { Loaded } from './client.js'
import type { Build } from './builds.js'

/** Loader for bundlers: posthog-js becomes a lazy chunk of the site's own build (the one `lazyBuild` picked). */
export function importPostHog(build: Build): Promise<Loaded> {
  return (build === 'full' ? import('./loaded-full.js') : build === 'standard' ? import('./loaded-standard.js') : import('./loaded.js')) as Promise<Loaded>
}
