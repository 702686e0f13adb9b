import type { PostHog } from 'posthog-js'
import type { ResolvedOptions } from '../posthog/options.js'
import { checkCaptures } from '../events/dev.js'
import { attribute } from './run.js'

/**
 * What firstparty does in the lazy part right after `posthog.init`, before the queued events are
 * replayed: the development event check and attribution. Returns the step to run after the replay.
 */
export function afterInit(ph: PostHog, o: ResolvedOptions): () => void {
  if (o.debug) checkCaptures(ph)
  const a = o.attribution
  return a === false ? () => {} : attribute(ph, typeof a === 'object' && a ? a : {}).finish
}
