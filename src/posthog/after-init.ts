import type { PostHog } from 'posthog-js'
import type { ResolvedOptions } from './options.js'
import { checkCaptures } from '../events/dev.js'
import { attribute } from '../attribution/run.js'
import { readLandings } from '../attribution/landing.js'
import { adoptLanding } from './adopt.js'

/**
 * What firstparty does in the lazy part right after `posthog.init`, before the queued events are
 * replayed: the development event check, posthog-js's own landing info from the landing kept at
 * `init`, and attribution. Returns the step to run after the replay.
 */
export function afterInit(ph: PostHog, o: ResolvedOptions): () => void {
  // Development builds only: the catalog check stays out of the production lazy part.
  if (process.env.NODE_ENV !== 'production' && o.debug) checkCaptures(ph)
  adoptLanding(ph, readLandings())
  const a = o.attribution
  return a === false ? () => {} : attribute(ph, typeof a === 'object' && a ? a : {}).finish
}
