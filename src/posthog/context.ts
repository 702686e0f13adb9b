import type { Landing } from '../attribution/landing.js'
import type { EarlyPage } from './beacon.js'
import { campaignOf, pageOf } from './campaign.js'

/**
 * What posthog-js would add to an event captured right now, for events that leave before it
 * loaded or are replayed on another URL: the page (`$current_url`, `$host`, `$pathname`, `title`
 * for a pageview), the session's campaign parameters (this URL's, or the landing's when this page
 * has none) and the session's referrer (`$referrer`, `$referring_domain`).
 * @param event - the event name
 * @param page - the (masked) page the event was captured on
 * @param landing - the newest landing of this visitor (see `captureLanding`)
 * @param at - when the event was captured, in ms
 * @example
 * ```ts
 * pageContext('$pageview', { url: 'https://acme.dev/pricing', referrer: '', title: 'Pricing' }, landing, Date.now())
 * // { utm_source: 'youtube', …, $current_url: 'https://acme.dev/pricing', $pathname: '/pricing', title: 'Pricing' }
 * ```
 */
export function pageContext(event: string, page: EarlyPage, landing: Landing | undefined, at: number): Record<string, unknown> {
  // posthog-js's session lasts 30 minutes without activity; an older landing is another session.
  const session = landing && at - landing.t < 1_800_000 ? landing : undefined
  return {
    ...(session && campaignOf(session.u)),
    ...pageOf(page.url, session ? session.r : page.referrer),
    ...(event === '$pageview' ? { title: page.title } : undefined),
  }
}
