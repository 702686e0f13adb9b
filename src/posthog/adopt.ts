import type { PostHog } from 'posthog-js'
import type { Landing } from '../attribution/landing.js'
import { campaignOf, referrerOf } from './campaign.js'

// posthog-js's session lasts 30 minutes without activity.
const SESSION = 1_800_000

/**
 * Tell posthog-js where this visitor landed when it loads on a later page (a fast click): the
 * first landing becomes its initial person info (`$initial_*`), the newest one of this session
 * its session referrer and campaign parameters. Both are "once" values, so a posthog-js that was
 * already there keeps its own. Never throws.
 * @param landings - the landings kept at `init`, oldest first
 */
export function adoptLanding(ph: PostHog, landings: readonly Landing[], now = Date.now()): void {
  try {
    const first = landings[0]
    const newest = landings[landings.length - 1]
    if (!first || !newest) return
    // posthog-js's own persisted key for the landing (`getPersonInfo`: r = referrer, u = URL).
    ph.register_once({ $initial_person_info: { r: first.r || '$direct', u: first.u } })
    if (now - newest.t < SESSION) {
      const campaign = campaignOf(newest.u)
      const session = ph.sessionPersistence
      if (!session?.props.$referrer) session?.register(referrerOf(newest.r))
      // This page's own campaign parameters are registered by posthog-js itself.
      if (campaign && !campaignOf(location.href)) ph.register_for_session(campaign)
    }
  } catch {
    // posthog-js internals moved: its own values stay
  }
}
