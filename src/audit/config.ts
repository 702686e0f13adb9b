// The `audit` section of firstparty.config.json: defaults for the CLI, so CI and people run the same audit.
import { UsageError } from './errors.js'
import { checkCategories, type PolicyCategory } from './policy.js'

/**
 * `"audit"` in `firstparty.config.json`. Command-line flags win over it.
 *
 * @example { "audit": { "failOn": "warning", "acceptConsent": true, "maxPages": 100, "deny": ["analytics", "ad", "tag-manager"] } }
 */
export interface AuditConfig {
  /** @default 'error' */
  failOn?: 'error' | 'warning'
  /** Live: window for late loaders in ms. @default 10000 */
  wait?: number
  /** Live: navigation timeout in ms. @default 30000 */
  timeout?: number
  /** Live: click the consent banner's accept button (`true`) or this selector. @default false */
  acceptConsent?: boolean | string
  /** Live crawl: page limit. @default 50 */
  maxPages?: number
  /** Live: pages at once. @default 2 */
  concurrency?: number
  /** Live: Chromium binary. @default found automatically */
  chromium?: string
  /** Categories that are errors. @default ['analytics', 'ad', 'tag-manager', 'session-replay', 'cdp', 'marketing'] */
  deny?: PolicyCategory[]
  /** Categories that are warnings (the rest are notes). @default ['social', 'chat', 'consent', 'other', 'unknown'] */
  warn?: PolicyCategory[]
}

const NUMBERS = ['wait', 'timeout', 'maxPages', 'concurrency'] as const

/** Validate the section; the error names the file and the field, like the rest of the config. */
export function checkAuditConfig(file: string, value: unknown): AuditConfig {
  const bad = (field: string, want: string): never => {
    throw new UsageError(`${file}: "audit.${field}" must be ${want}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('(section)', 'an object')
  const section = value as Record<string, unknown>
  if (section.failOn !== undefined && section.failOn !== 'error' && section.failOn !== 'warning') bad('failOn', '"error" or "warning"')
  for (const key of NUMBERS) {
    const n = section[key]
    if (n !== undefined && !(typeof n === 'number' && Number.isInteger(n) && n >= (key === 'wait' ? 0 : 1))) bad(key, `an integer ≥ ${key === 'wait' ? 0 : 1}`)
  }
  if (section.acceptConsent !== undefined && typeof section.acceptConsent !== 'boolean' && typeof section.acceptConsent !== 'string')
    bad('acceptConsent', 'true, false or a CSS selector')
  if (section.chromium !== undefined && typeof section.chromium !== 'string') bad('chromium', 'a path')
  for (const list of ['deny', 'warn'] as const) if (section[list] !== undefined) checkCategories(file, `audit.${list}`, section[list])
  return section as AuditConfig
}
