// Severity by category: which kinds of third party fail the audit. The categories come from the catalog
// (our own) and from third-party-web (maintained data set) for hosts the catalog does not know.
import { UsageError } from './errors.js'
import type { Finding, Severity } from './types.js'

/** Policy categories, the words of `"deny"` / `"warn"` in firstparty.config.json. */
export const POLICY_CATEGORIES = [
  'analytics',
  'ad',
  'tag-manager',
  'session-replay',
  'cdp',
  'marketing',
  'social',
  'chat',
  'consent',
  'cdn',
  'video',
  'content',
  'hosting',
  'utility',
  'other',
  'unknown',
] as const
/** One of {@link POLICY_CATEGORIES}. */
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number]

/** Which categories are errors and which warnings; every other category is a note. */
export interface AuditPolicy {
  deny: readonly PolicyCategory[]
  warn: readonly PolicyCategory[]
}

/**
 * "No analytics but our own": analytics, advertising, tag managers, session replay, CDPs and marketing
 * trackers are errors; chat/support widgets, social widgets, consent managers and hosts nobody has
 * categorised are warnings; fonts, video, payments, CDNs and other utilities are notes.
 */
export const DEFAULT_POLICY: AuditPolicy = {
  deny: ['analytics', 'ad', 'tag-manager', 'session-replay', 'cdp', 'marketing'],
  warn: ['social', 'chat', 'consent', 'other', 'unknown'],
}

/** Catalog categories and third-party-web categories → policy categories. */
const CATEGORY: Record<string, PolicyCategory> = {
  analytics: 'analytics',
  advertising: 'ad',
  ad: 'ad',
  'tag-manager': 'tag-manager',
  'session-replay': 'session-replay',
  cdp: 'cdp',
  'marketing-automation': 'marketing',
  marketing: 'marketing',
  social: 'social',
  chat: 'chat',
  'customer-success': 'chat',
  'consent-provider': 'consent',
  cdn: 'cdn',
  video: 'video',
  content: 'content',
  hosting: 'hosting',
  utility: 'utility',
  other: 'other',
}

/** The policy category of a finding subject's category (catalog or third-party-web). */
export function policyCategory(category: string): PolicyCategory {
  return CATEGORY[category] ?? 'unknown'
}

/** What the policy says about a category. */
export function levelFor(category: string, policy: AuditPolicy = DEFAULT_POLICY): Severity {
  const c = policyCategory(category)
  return policy.deny.includes(c) ? 'error' : policy.warn.includes(c) ? 'warning' : 'note'
}

const RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 }

/**
 * Apply the category policy to findings. A rule's own severity is a ceiling (a CSP that merely allows a host,
 * a preconnect hint, a global that sent nothing stay warnings); `third-party` findings take the policy's word.
 *
 * @example applyPolicy(findings, { deny: ['analytics', 'ad', 'tag-manager'], warn: ['chat'] })
 */
export function applyPolicy(findings: readonly Finding[], policy: AuditPolicy = DEFAULT_POLICY): Finding[] {
  return findings.map((f) => {
    const level = levelFor(f.subject.category, policy)
    const severity = f.rule === 'third-party' || RANK[level] < RANK[f.severity] ? level : f.severity
    return severity === f.severity ? f : { ...f, severity }
  })
}

/**
 * Build a policy from the config's lists: `deny` replaces the default error list, `warn` the default warning
 * list (a category in both is denied).
 *
 * @throws UsageError for a word that is not a {@link PolicyCategory}
 * @example policyFrom({ deny: ['analytics', 'ad', 'tag-manager'] }, 'firstparty.config.json')
 */
export function policyFrom(lists: { deny?: unknown; warn?: unknown }, file = 'firstparty.config.json'): AuditPolicy {
  const deny = lists.deny === undefined ? DEFAULT_POLICY.deny : checkCategories(file, 'deny', lists.deny)
  const warn = lists.warn === undefined ? DEFAULT_POLICY.warn : checkCategories(file, 'warn', lists.warn)
  return { deny, warn: warn.filter((c) => !deny.includes(c)) }
}

/** Validate a list of policy categories, naming the file and the field. */
export function checkCategories(file: string, field: string, value: unknown): PolicyCategory[] {
  const known = POLICY_CATEGORIES as readonly string[]
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new UsageError(`${file}: "${field}" must be an array of categories (${known.join(', ')})`)
  const bad = value.find((v) => !known.includes(v))
  if (bad !== undefined) throw new UsageError(`${file}: "${field}" has an unknown category "${bad}" (known: ${known.join(', ')})`)
  return value as PolicyCategory[]
}
