import type { Landing } from '../attribution/landing.js'
import { campaignOf, pageOf } from './campaign.js'

/**
 * What posthog-js would add to an event captured right now, for events that leave before it
 * loaded or are replayed on another URL: the page (`$current_url`, `$host`, `$pathname`, `title`
 * for a pageview), the session's campaign parameters (this URL's, or the landing's when this page
 * has none) and the session's referrer (`$referrer`, `$referring_domain`).
 * @param event - the event name
 * @param mask - masks secrets, emails and click ids in a URL
 * @param landing - the newest landing of this visitor (see `captureLanding`)
 */
export function pageContext(event: string, mask: (url: string) => string, landing: Landing | undefined): Record<string, unknown> {
  const url = mask(location.href)
  // posthog-js's session lasts 30 minutes without activity; an older landing is another session.
  const session = landing && Date.now() - landing.t < 1_800_000 ? landing : undefined
  return {
    ...(session && campaignOf(session.u)),
    ...pageOf(url, session ? session.r : mask(document.referrer)),
    ...(event === '$pageview' ? { title: document.title } : undefined),
  }
}
