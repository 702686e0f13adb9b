/** What a tracker is for; used for grouping in reports. */
export type TrackerCategory = 'analytics' | 'advertising' | 'tag-manager' | 'session-replay' | 'cdp' | 'marketing-automation' | 'social' | 'chat'

/**
 * One third-party tracker as firstparty knows it. The catalog is curated from vendor facts
 * (snippets and endpoints as documented), not copied from licensed block lists.
 */
export interface Tracker {
  /** Stable id used in reports and events, e.g. `'ga4'`, `'meta-pixel'`. */
  readonly id: string
  /** Human name, e.g. `'Google Analytics 4 (gtag.js)'`. */
  readonly name: string
  readonly vendor: string
  readonly category: TrackerCategory
  /**
   * Host suffixes: `google-analytics.com` matches `google-analytics.com` and `region1.google-analytics.com`.
   * Lowercase, no scheme, no trailing dot.
   */
  readonly hosts: readonly string[]
  /**
   * Path/query signatures matched on ANY host, so first-party proxies and server-side tag managers are caught.
   * Form: `'/gtm.js?id=GTM-'` — the decoded, lowercased path ends with `/gtm.js` (or, when the rule's path
   * ends with `/`, contains it) and the query parameter `id` starts with `GTM-` (case-insensitive; an empty
   * prefix means the parameter only has to be present).
   */
  readonly paths: readonly string[]
  /**
   * Inline snippet fingerprints, compared after removing whitespace and turning `"` and `` ` `` into `'`.
   * The first one is the shortest distinctive token and is the one the in-page guard ships.
   */
  readonly snippets: readonly string[]
  /** Regular expression sources for account/property ids; capture group 1 is the id. */
  readonly ids: readonly string[]
  /** Page globals the tracker (or its snippet) defines. */
  readonly globals: readonly string[]
  /** Globals from `globals` that are plain queue arrays (`dataLayer`, `_hsq`…); the rest are functions/objects. */
  readonly queues?: readonly string[]
  /** Globals from `globals` that site code calls (`gtag`, `fbq`…): the guard defines them as recording no-ops. */
  readonly stubs?: readonly string[]
  /**
   * `false` leaves the tracker out of the in-page guard's built-in subset (kept small for the inline budget);
   * the CSP and the audit still cover it. @default true
   */
  readonly guard?: boolean
  /**
   * Attributes that mark a `<script>` element as this tracker's loader even when the script is self-hosted or
   * proxied under another name (`data-website-id` for Umami, `data-cf-beacon` for Cloudflare). Audit only.
   */
  readonly scriptAttributes?: readonly string[]
  /** Cookie names or prefixes (`_ga_*`) it sets. */
  readonly cookies: readonly string[]
}
