import type { EventName } from './catalog.js'

/**
 * Runtime description of a property: its type, `?` when optional, or the list of allowed values.
 * Used only by the development check; TypeScript users get the same guarantees at compile time.
 */
export type PropShape = PropType | `${PropType}?` | { oneOf: readonly string[]; optional?: boolean }

/** A property's value type. */
export type PropType = 'string' | 'number' | 'boolean' | 'string[]'

/** Runtime shape of one event: its properties (`'any'`: not checked) and whether they may be omitted. */
export interface EventShape {
  props: Readonly<Record<string, PropShape>> | 'any'
  /** Properties may be omitted entirely. @default false */
  optionalProps?: boolean
}

// A function (marked pure) rather than an object spread, so bundlers can drop the catalog when unused.
const landedProps = <R extends PropShape>(ref: R) =>
  ({
    ref,
    channel: 'string',
    landing_path: 'string',
    paid_click: 'boolean',
    click_networks: 'string[]?',
    referrer_host: 'string?',
    utm_source: 'string?',
    utm_medium: 'string?',
    utm_campaign: 'string?',
    utm_term: 'string?',
    utm_content: 'string?',
    utm_id: 'string?',
    utm_source_platform: 'string?',
    utm_creative_format: 'string?',
    utm_marketing_tactic: 'string?',
  }) as const satisfies Record<string, PropShape>

/** The fixed answers of the attribution survey (the `SurveyChannel` type). */
export const SURVEY_CHANNELS = [
  'search',
  'social',
  'youtube',
  'podcast',
  'newsletter',
  'friend',
  'colleague',
  'community',
  'event',
  'blog',
  'ai_assistant',
  'ad',
  'other',
] as const

const SIGNUP_METHODS = ['email', 'google', 'github', 'sso', 'magic_link', 'other'] as const

/** The built-in catalog at runtime, mirroring `interface Events` (a type test keeps them in step). */
export const BUILTIN_EVENTS = {
  $pageview: { props: 'any', optionalProps: true },
  tracker_blocked: { props: 'any' },
  campaign_landed: { props: /* @__PURE__ */ landedProps('string?') },
  referral_landed: { props: /* @__PURE__ */ landedProps('string') },
  cta_clicked: { props: { cta: 'string', page: 'string?', href: 'string?' } },
  signup_started: { props: { method: { oneOf: SIGNUP_METHODS, optional: true }, plan: 'string?', placement: 'string?' }, optionalProps: true },
  signup_completed: { props: { method: { oneOf: SIGNUP_METHODS, optional: true }, plan: 'string?' }, optionalProps: true },
  newsletter_subscribed: { props: { list: 'string?', placement: 'string?' }, optionalProps: true },
  demo_requested: {
    props: { placement: 'string?', company_size: { oneOf: ['1-10', '11-50', '51-200', '201-1000', '1000+'], optional: true } },
    optionalProps: true,
  },
  attribution_survey_answered: {
    props: {
      answer: { oneOf: SURVEY_CHANNELS },
      detail: 'string?',
      placement: 'string?',
    },
  },
} as const satisfies Partial<Record<EventName, EventShape>>
