import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { readJsonFile } from './json.js'
import { checkAuditConfig, type AuditConfig } from '../audit/config.js'
import { checkCategories, type PolicyCategory } from '../audit/policy.js'

/**
 * `firstparty.config.json`: one file for the guard, the CSP and the audit. Sections other capabilities add
 * are kept as they are (typed `unknown` until a capability reads them).
 * @example
 * ```json
 * { "allow": ["*.youtube.com"], "mode": "catalog", "posthog": { "apiHost": "/ingest" } }
 * ```
 */
export interface FirstpartyConfig {
  /** Third-party hosts the site uses on purpose (CSP host-source form: `example.com`, `*.example.com`, or URLs). */
  allow?: string[]
  /** `catalog` blocks known trackers; `strict` blocks every third-party host not allowed. @default 'catalog' */
  mode?: 'catalog' | 'strict'
  /** Where PostHog is reached: allowed by the guard and the CSP. */
  posthog?: { apiHost?: string; uiHost?: string }
  /** Defaults of `firstparty audit` (flags win). */
  audit?: AuditConfig
  /** Audit policy: categories that are errors (also accepted as `audit.deny`, which wins). */
  deny?: PolicyCategory[]
  /** Audit policy: categories that are warnings (also `audit.warn`). */
  warn?: PolicyCategory[]
  [section: string]: unknown
}

/** The file name looked up in the working directory. */
export const CONFIG_FILE = 'firstparty.config.json'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function check(file: string, data: unknown): FirstpartyConfig {
  const bad = (field: string, want: string): never => {
    throw new UsageError(`${file}: "${field}" must be ${want}`)
  }
  if (!isObject(data)) return bad('(top level)', 'an object')
  const { allow, mode, posthog } = data
  if (allow !== undefined && !(Array.isArray(allow) && allow.every((a) => typeof a === 'string'))) bad('allow', 'an array of host strings')
  if (mode !== undefined && mode !== 'catalog' && mode !== 'strict') bad('mode', '"catalog" or "strict"')
  if (posthog !== undefined) {
    if (!isObject(posthog)) bad('posthog', 'an object')
    else for (const key of ['apiHost', 'uiHost'] as const) if (posthog[key] !== undefined && typeof posthog[key] !== 'string') bad(`posthog.${key}`, 'a string')
  }
  if (data.audit !== undefined) checkAuditConfig(file, data.audit)
  for (const list of ['deny', 'warn'] as const) if (data[list] !== undefined) checkCategories(file, list, data[list])
  return data as FirstpartyConfig
}

/**
 * Read and validate `firstparty.config.json`.
 * @param path explicit file; @default `firstparty.config.json` in the current directory (a missing default file is `{}`)
 * @throws UsageError for a missing explicit file, bad JSON or a field of the wrong type, naming file and field
 * @example
 * ```ts
 * const config = await loadConfig()
 * const csp = buildCsp(config)
 * ```
 */
export async function loadConfig(path?: string): Promise<FirstpartyConfig> {
  const file = resolve(path ?? CONFIG_FILE)
  // Only the default file is optional; an explicitly named one must exist.
  if (path === undefined && !existsSync(file)) return {}
  const { value } = await readJsonFile(file, { what: 'config file', expected: 'a JSON object' })
  return check(file, value)
}

// The errors loadConfig throws, for `instanceof` (firstparty/config is this module).
export { FirstpartyError, UsageError } from '../errors.js'
