import { allowEntry } from '../trackers/match.js'

/** The parts of the site config that decide which third-party hosts are allowed. */
export interface AllowPolicy {
  /** Hosts the site uses on purpose: `player.vimeo.com`, `*.youtube.com`, or URLs. */
  allow?: readonly string[]
  /** PostHog hosts; relative hosts (`/ingest`, the first-party proxy) are already your origin. */
  posthog?: { apiHost?: string; uiHost?: string }
}

/** PostHog Cloud serves lazy assets from `<region>-assets.i.posthog.com` next to `<region>.i.posthog.com`. */
const POSTHOG_INGEST = /^(us|eu)\.i\.posthog\.com$/

/**
 * Every allowed third-party host, normalised to CSP host-source form, deduplicated, in input order.
 * The guard and the CSP both start from this list, so they agree.
 * @example
 * ```ts
 * allowedHosts({ allow: ['https://player.vimeo.com/'], posthog: { apiHost: 'https://eu.i.posthog.com' } })
 * // ['player.vimeo.com', 'eu.i.posthog.com', 'eu-assets.i.posthog.com']
 * ```
 */
export function allowedHosts(policy: AllowPolicy): string[] {
  const hosts: string[] = []
  const add = (entry: string | undefined): void => {
    const host = entry && !entry.startsWith('/') ? allowEntry(entry) : undefined
    if (host && !hosts.includes(host)) hosts.push(host)
    const m = host && POSTHOG_INGEST.exec(host)
    if (m) add(`${m[1]}-assets.i.posthog.com`)
  }
  for (const entry of policy.allow ?? []) add(entry)
  add(policy.posthog?.apiHost)
  add(policy.posthog?.uiHost)
  return hosts
}
