// The attribution data types, apart from the code that produces them, so that parsing (touch.ts) and
// classification (channels.ts) both depend on this module instead of on each other.
import type { CLICK_ID_PARAMS, UtmParam } from './params.js'

/**
 * Where a visit came from. `email` covers newsletters, `content` docs/blogs/articles,
 * `event` talks, conferences and QR codes on slides or print, `ai_assistant` answers of ChatGPT,
 * Perplexity, Claude, Gemini, Copilot and similar assistants.
 */
export type Channel =
  | 'direct'
  | 'organic_search'
  | 'ai_assistant'
  | 'paid_search'
  | 'paid_social'
  | 'organic_social'
  | 'email'
  | 'influencer'
  | 'community'
  | 'content'
  | 'event'
  | 'referral'
  | 'unknown'

/** An ad network whose click id can appear on a landing URL. */
export type ClickNetwork = (typeof CLICK_ID_PARAMS)[keyof typeof CLICK_ID_PARAMS]

/** One visit's source: what the landing URL and the referrer say about where the visitor came from. */
export interface Touch {
  /** The `utm_*` values on the landing URL (cleaned), keyed by parameter name. */
  utm: { [K in UtmParam]?: string }
  /** Creator / referral code (`ref`, `via` or a configured name). */
  ref?: string
  /** Ad networks whose click ids were on the URL. The ids themselves are never kept. */
  clickIds: ClickNetwork[]
  /** A paid visit: a click id is present or the channel is paid search/social. */
  paid: boolean
  /** Host of an external referrer, lowercase, without `www.`; absent for direct and internal visits. */
  referrerHost?: string
  /** The channel, from `classifyChannel`. */
  channel: Channel
  /** Path of the landing page (no query, no hash). */
  landingPath: string
  /** When the touch happened, in milliseconds since the epoch. */
  timestamp: number
}

/**
 * One classification rule. A rule matches when **every** condition it states holds; a rule with
 * no condition always matches. Rules are tried in order and the first match wins.
 * Names compare case-insensitively. A `from` entry matches `utm_source` exactly, or the referrer
 * host: `example.com` matches it and its subdomains, `google.*` matches that label under any suffix.
 */
export interface ChannelRule {
  channel: Channel
  /** A creator code (`ref`, `via`…) is present (`true`) or absent (`false`). */
  ref?: boolean
  /** A click id of one of these networks is present; `true`: any network. */
  click?: true | readonly ClickNetwork[]
  /** `utm_medium` is one of these. */
  medium?: readonly string[]
  /** `utm_source` is one of these, or the referrer host matches one. */
  from?: readonly string[]
  /** `utm_content` or the creator code is one of these (creator handles). */
  content?: readonly string[]
  /** An external referrer is present (`true`) or absent (`false`). */
  referrer?: boolean
  /** Any `utm_*` parameter is present (`true`) or none is (`false`). */
  campaign?: boolean
}
