/**
 * The event catalog: names and property types of every event firstparty knows. Sites add theirs by
 * declaration merging, no codegen:
 * @example
 * ```ts
 * declare module 'firstparty' {
 *   interface Events {
 *     plan_upgraded: { plan: 'pro' | 'team'; seats: number }
 *     docs_searched: { query_length: number } | undefined // props optional
 *   }
 * }
 * ```
 */

import type { BlockedReport } from '../guard/classify.js'

/** Self-reported channels for "how did you hear about us?". */
export type SurveyChannel =
  | 'search'
  | 'social'
  | 'youtube'
  | 'podcast'
  | 'newsletter'
  | 'friend'
  | 'colleague'
  | 'community'
  | 'event'
  | 'blog'
  | 'ai_assistant'
  | 'ad'
  | 'other'

/** Properties attached to the `*_landed` events: the touch that was just recorded. */
export interface LandedProperties {
  channel: string
  utm_source?: string
  utm_medium?: string
  utm_campaign?: string
  utm_term?: string
  utm_content?: string
  utm_id?: string
  utm_source_platform?: string
  utm_creative_format?: string
  utm_marketing_tactic?: string
  ref?: string
  referrer_host?: string
  landing_path: string
  paid_click: boolean
  click_networks?: string[]
}

/** How a signup happened. */
export type SignupMethod = 'email' | 'google' | 'github' | 'sso' | 'magic_link' | 'other'

/**
 * Event names mapped to their properties. `undefined` (alone or in a union) means the event can be
 * tracked without properties. Extend it with `declare module 'firstparty' { interface Events { … } }`.
 */
export interface Events {
  /** A page was viewed. Tracked by firstparty on load and on client-side navigation (`capturePageview`). */
  $pageview: Record<string, string | number | boolean> | undefined
  /** The guard blocked a third-party tracker: its report, as pushed to `window.firstparty.blocked`. Tracked by firstparty. */
  tracker_blocked: BlockedReport
  /** A visitor landed from a tagged campaign link or a paid click. Tracked by firstparty's attribution. */
  campaign_landed: LandedProperties
  /** A visitor landed with a creator / referral code (`?ref=`, `?via=`). Tracked by firstparty's attribution. */
  referral_landed: LandedProperties & { ref: string }
  /** A call to action was clicked. `cta` names it ("hero", "pricing-pro"). */
  cta_clicked: { cta: string; page?: string; href?: string }
  /** The signup flow was opened. */
  signup_started: { method?: SignupMethod; plan?: string; placement?: string } | undefined
  /** An account was created. First- and last-touch attribution is attached automatically. */
  signup_completed: { method?: SignupMethod; plan?: string } | undefined
  /** Someone subscribed to a newsletter. Never send the address. */
  newsletter_subscribed: { list?: string; placement?: string } | undefined
  /** A demo or sales call was requested. */
  demo_requested: { placement?: string; company_size?: '1-10' | '11-50' | '51-200' | '201-1000' | '1000+' } | undefined
  /** Self-reported attribution: "how did you hear about us?". `detail` is the free-text answer. */
  attribution_survey_answered: { answer: SurveyChannel; detail?: string; placement?: string }
}

/** A known event name (built-in or declared by the site). */
export type EventName = keyof Events & string

/**
 * The arguments after the event name: properties required when the event has required ones,
 * optional when `undefined` is allowed, extra names rejected.
 */
export type EventArgs<K extends EventName> = undefined extends Events[K] ? [properties?: Exclude<Events[K], undefined>] : [properties: Events[K]]
