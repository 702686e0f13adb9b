/**
 * The campaign properties posthog-js adds to every event, for events firstparty sends before
 * posthog-js has loaded (the `pagehide` beacon, the replayed queue). The lists are posthog-js's own:
 * `CAMPAIGN_PARAMS` and `PERSONAL_DATA_CAMPAIGN_PARAMS` in `@posthog/browser-common`
 * `utils/event-utils`, kept in the one parameter module (attribution/params.ts, whose tests compare them).
 * The property shapes follow the same file (`getCampaignParams`, `getReferrerInfo`,
 * `getInitialPersonPropsFromInfo`), with firstparty's `mask_personal_data_properties: true`.
 * This runs before posthog-js, on the critical path: written for size.
 */
import { POSTHOG_CAMPAIGN_PARAMS } from '../attribution/params.js'

/** Campaign values by parameter name; `null` for one that is absent (posthog-js sends every key). */
export type CampaignProperties = Record<string, string | null>

const parse = (url: string, base?: string): URL | undefined => {
  try {
    return new URL(url, base)
  } catch {
    return undefined
  }
}

/**
 * The campaign parameters of a URL as posthog-js registers them: every key, `null` when absent,
 * click ids as `<masked>` (the URL is masked already). `undefined` when the URL has none: posthog-js
 * then keeps the session's.
 * @param url - a masked URL
 * @example
 * ```ts
 * campaignOf('https://acme.dev/?utm_source=youtube&gclid=<masked>')
 * // { utm_source: 'youtube', utm_medium: null, …, gclid: '<masked>', … }
 * ```
 */
export function campaignOf(url: string): CampaignProperties | undefined {
  const query = parse(url, location.href)?.searchParams
  const out: CampaignProperties = {}
  let found = false
  for (const name of POSTHOG_CAMPAIGN_PARAMS) found = !!(out[name] = query?.get(name) || null) || found
  return found ? out : undefined
}

/** `$referrer` and `$referring_domain` as posthog-js sets them: `$direct` without a referrer. */
export function referrerOf(referrer: string): { $referrer: string; $referring_domain: string } {
  return { $referrer: referrer || '$direct', $referring_domain: (referrer && parse(referrer)?.host) || '$direct' }
}

/**
 * What posthog-js reports about a page: `$current_url`, `$host`, `$pathname`, the campaign
 * parameters (when there are any) and the referrer.
 * @param url - a masked URL
 * @param referrer - a masked referrer (`''` for none)
 */
export function pageOf(url: string, referrer: string): Record<string, unknown> {
  const parsed = parse(url, location.href)
  return { $current_url: url, $host: parsed?.host, $pathname: parsed?.pathname, ...campaignOf(url), ...referrerOf(referrer) }
}

/**
 * The `$initial_*` person properties posthog-js sends in `$set_once` for a landing: referrer,
 * referring domain, URL, host, path and the campaign parameters.
 * @param url - the masked landing URL
 * @param referrer - the masked landing referrer (`''` for none)
 */
export function initialOf(url: string, referrer: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(pageOf(url, referrer)).map(([key, value]) => [`$initial_${key.replace('$', '')}`, value]))
}
