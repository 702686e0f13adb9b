/** What the rows of a report are: creator codes, campaign ids or channels. */
export type ReportBy = 'creator' | 'campaign' | 'channel'

/** Which touch a signup is credited to: the visitor's first or their last (non-direct) touch. */
export type ReportModel = 'first' | 'last'

/** Every value of {@link ReportBy}, in the order the CLI lists them. */
export const REPORT_BY: readonly ReportBy[] = ['creator', 'campaign', 'channel']
/** Every value of {@link ReportModel}. */
export const REPORT_MODELS: readonly ReportModel[] = ['first', 'last']

/**
 * What a row stands for.
 * - `registered`: a creator code or campaign id found in the registry.
 * - `unregistered`: seen in events, but not in the registry that was given.
 * - `tracked`: seen in events, no registry to check it against (and every channel row of `--by channel`).
 * - `other`: not a creator (or campaign): visitors whose touch had none, grouped by channel, key `(channel)`.
 */
export type ReportRowKind = 'registered' | 'unregistered' | 'tracked' | 'other'

/** One row of a report. Values that do not apply are `null`, never absent. */
export interface ReportRow {
  /** Creator code (lowercase), campaign id (as written in links), channel, or `(channel)` / `(untracked)` for other rows. */
  key: string
  /** Display name from the registry; `null` when the key is not in it. */
  name: string | null
  kind: ReportRowKind
  /** `referral_landed` / `campaign_landed` events with this key (whatever the model). */
  landings: number
  /** Distinct visitors credited to this key under the model. */
  visitors: number
  /** Visitors credited to this key who tracked `signup_completed` (a visitor counts once). */
  signups: number
  /** `signups / visitors`; `null` without visitors. */
  conversion: number | null
  /** The registry's `cost`; `null` when unknown. */
  cost: number | null
  /** The registry's `currency`; `null` when unknown. */
  currency: string | null
  /** `cost / signups`; `null` without a cost or without signups. */
  costPerSignup: number | null
  /**
   * Survey answers (`attribution_survey_answered`, the latest per visitor) that name this row: for a creator
   * its code, id, name or @handle in the free text; for a campaign its id or name; for a channel the choice.
   * `null` for rows that cannot be named (`(untracked)`).
   */
  selfReported: number | null
}

/** Sums over every row, and the dark-social figure. */
export interface ReportTotals {
  landings: number
  /** Distinct visitors in the input (each counts once, whatever their rows). */
  visitors: number
  /** Visitors who signed up; equals the sum of `signups` over every row. */
  signups: number
  conversion: number | null
  /** Sum of the rows' costs when they share one currency (or none is given); `null` otherwise or without costs. */
  cost: number | null
  currency: string | null
  /** `cost` divided by the signups of the rows that have a cost. */
  costPerSignup: number | null
  /** Visitors whose latest survey answer names a source. */
  surveyAnswers: number
  /** Signups tracked as direct, unknown or untracked. */
  untrackedSignups: number
  /** Of those, how many answered the survey naming a source (any choice but `other`, or free text). */
  untrackedSignupsNamingSource: number
  /** `untrackedSignupsNamingSource / untrackedSignups` ("dark social"); `null` without such signups. */
  darkSocialShare: number | null
}

/** What was read, for the summary line. */
export interface ReportInput {
  files: number
  /** Events read (after the date filter). */
  events: number
  /** Lines or rows that are not events, skipped. */
  malformed: number
  /** Events outside `from`/`to`, or without a time when a range is given. */
  outOfRange: number
}

/**
 * A report, as `firstparty report --format json` prints it: rows best first (most signups), then the
 * non-creator rows. The shape is stable; keys that do not apply are `null`.
 */
export interface Report {
  by: ReportBy
  model: ReportModel
  /** First day included, `YYYY-MM-DD` (UTC), or `null` for no lower bound. */
  from: string | null
  /** Last day included, `YYYY-MM-DD` (UTC), or `null` for no upper bound. */
  to: string | null
  rows: ReportRow[]
  totals: ReportTotals
  /** Creator codes (or campaign ids) seen in events but not in the registry; empty without a registry. */
  unregistered: string[]
  input: ReportInput
}

/** One event as the report reads it, whatever file format it came from. */
export interface ReportEvent {
  event: string
  /** Who: PostHog's `person_id` when the export has it, else the distinct id. */
  visitor: string
  /** Milliseconds since the epoch, or `undefined` when the event carries no readable time. */
  time: number | undefined
  properties: Readonly<Record<string, unknown>>
}

/** Options of the report builder. */
export interface ReportOptions {
  by?: ReportBy
  model?: ReportModel
  /** First day included, `YYYY-MM-DD`. */
  from?: string
  /** Last day included, `YYYY-MM-DD`. */
  to?: string
}
