import type { Loaded } from './client.js'
import type { ResolvedOptions } from './options.js'
import { lazyBuild } from './builds.js'

/** Loader for bundlers: posthog-js becomes a lazy chunk of the site's own build, the smallest that fits. */
export function importPostHog(options: ResolvedOptions): Promise<Loaded> {
  const build = lazyBuild(options)
  return (build === 'full' ? import('./loaded-full.js') : build === 'standard' ? import('./loaded-standard.js') : import('./loaded.js')) as Promise<Loaded>
}
