/**
 * The one list of attribution parameter names. The link builder writes them, the attribution parser
 * reads them, the address-bar clean-up removes them, the docs quote them: change a name here and every
 * side follows. The click and tracking id lists cover every parameter posthog-js recognises
 * (`CAMPAIGN_PARAMS` in `@posthog/browser-common`); a test compares them with the installed posthog-js.
 */

/** GA4-style UTM parameters, in the stable order links are written. */
export const UTM_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_id',
  'utm_source_platform',
  'utm_creative_format',
  'utm_marketing_tactic',
] as const

/** A UTM parameter name. */
export type UtmParam = (typeof UTM_PARAMS)[number]

/** Creator / referral code parameters read by default; the first one is what the link builder writes. */
export const REF_PARAMS = ['ref', 'via'] as const

/**
 * Ad click ids, by the network that appends them. Their presence is recorded as "paid click" (and
 * which network); the values are never stored or forwarded. `gad_source` and `gclsrc` travel with
 * Google Ads clicks, `oppref` with OpenAI (ChatGPT) ads.
 */
export const CLICK_ID_PARAMS = {
  gclid: 'google',
  gclsrc: 'google',
  gbraid: 'google',
  wbraid: 'google',
  dclid: 'google',
  gad_source: 'google',
  fbclid: 'meta',
  msclkid: 'microsoft',
  ttclid: 'tiktok',
  li_fat_id: 'linkedin',
  twclid: 'x',
  rdt_cid: 'reddit',
  sccid: 'snapchat',
  epik: 'pinterest',
  qclid: 'quora',
  oppref: 'openai',
} as const

/** A click id parameter name. */
export type ClickIdParam = keyof typeof CLICK_ID_PARAMS

/**
 * Other identifiers posthog-js recognises that are not ad clicks: `igshid` (Instagram share),
 * `mc_cid` (Mailchimp campaign), `_kx` (Klaviyo recipient), `irclid` (Impact affiliate click), `bfcid`
 * (listed by PostHog without a documented network). They are never read, stored or forwarded, and the
 * link builder and the address-bar clean-up remove them like the other attribution parameters.
 */
export const TRACKING_ID_PARAMS = ['igshid', 'mc_cid', '_kx', 'irclid', 'bfcid'] as const

/**
 * Every attribution parameter name (lowercase): UTM, creator codes, click ids and tracking ids. The
 * link builder strips them from a base URL, `cleanUrl` strips them from the address bar.
 */
export const ATTRIBUTION_PARAMS: readonly string[] = /* @__PURE__ */ (() => [
  ...UTM_PARAMS,
  ...REF_PARAMS,
  ...Object.keys(CLICK_ID_PARAMS),
  ...TRACKING_ID_PARAMS,
])()

/**
 * The ad click ids posthog-js reads (`PERSONAL_DATA_CAMPAIGN_PARAMS`, in its order): their values are
 * personal data, masked wherever firstparty keeps or sends a URL. Space-separated: this list is on the
 * critical path (landing capture, events sent before posthog-js loads).
 */
export const POSTHOG_CLICK_ID_PARAMS: readonly string[] =
  /* @__PURE__ */ 'gclid gclsrc dclid gbraid wbraid fbclid msclkid twclid li_fat_id igshid ttclid rdt_cid epik qclid sccid oppref bfcid irclid _kx'.split(' ')

/**
 * The campaign parameters posthog-js itself reads from the URL, in its order (`CAMPAIGN_PARAMS`):
 * five UTMs, `gad_source`, `mc_cid` and its personal-data click ids. What an event sent before
 * posthog-js loaded must carry for PostHog to classify it like posthog-js would.
 */
export const POSTHOG_CAMPAIGN_PARAMS: readonly string[] = /* @__PURE__ */ (() => [
  ...'utm_source utm_medium utm_campaign utm_content utm_term gad_source mc_cid'.split(' '),
  ...POSTHOG_CLICK_ID_PARAMS,
])()

/** The query parameter carrying the anonymous id and touches to the site's other domains (cross-domain.ts). */
export const CARRY_PARAM = '_fpx'

/**
 * `url` without the cross-domain parameter, everything else kept byte for byte: it carries an id and
 * touches, so it is never kept in a landing nor sent as `$current_url`.
 * @example
 * ```ts
 * withoutCarried('https://acme.app/signup?plan=pro&_fpx=1~t5x1k0~id~#top') // 'https://acme.app/signup?plan=pro#top'
 * ```
 */
export const withoutCarried = (url: string): string => url.replace(/([?&])_fpx=[^&#]*&?/, '$1').replace(/[?&](#|$)/, '$1')
