import type { PostHog } from 'posthog-js'
import type { ResolvedOptions } from './options.js'

/** Loader for bundlers: posthog-js becomes a lazy chunk of the site's own build. */
export function importPostHog(options: ResolvedOptions): Promise<PostHog> {
  // Recording and surveys need the full build; both variants never load scripts from elsewhere.
  return options.sessionRecording || options.surveys
    ? import('posthog-js/full/no-external').then((m) => m.posthog as unknown as PostHog)
    : import('posthog-js/no-external').then((m) => m.posthog as unknown as PostHog)
}
