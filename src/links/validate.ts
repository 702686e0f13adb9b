import { ATTRIBUTION_PARAMS, REF_PARAMS } from '../attribution/params.js'
import { CHANNELS } from '../attribution/channels.js'
import { MAX_VALUE_LENGTH, looksPersonal } from '../attribution/sanitize.js'
import { CAMPAIGN_FIELDS, CREATOR_FIELDS, REGISTRY_FIELDS, kindProblem, quote, type FieldSpec } from './fields.js'
import { jsonLines } from './locate.js'
import { SAFE_CODE, isAmbiguousCode, codeSkeleton, normalizeValue } from './normalize.js'
import { checkLanding } from './landing.js'
import type { LinkFinding } from './types.js'

/** Options of {@link validateRegistry}. */
export interface ValidateOptions {
  /** File name used in messages. */
  file?: string
  /** The JSON text the registry was parsed from: findings then carry line numbers. */
  text?: string
  /** The day dates are compared with, `YYYY-MM-DD`. @default today (UTC) */
  today?: string
  /** A landing URL that replaces every campaign's (the CLI's `--base`); checked like the others. */
  base?: string
}

/** Channels a creator can be filed under: the attribution classifier's, minus the ones no link can be. */
export const CREATOR_CHANNELS: readonly string[] = CHANNELS.filter((c) => c !== 'direct' && c !== 'unknown')

type Entry = Record<string, unknown>
type Kind = 'creators' | 'campaigns'

/**
 * Check a parsed registry. Returns every problem found (an empty array means the registry is valid);
 * never throws, whatever `input` is.
 * @example
 * ```ts
 * const text = readFileSync('firstparty.links.json', 'utf8')
 * for (const f of validateRegistry(JSON.parse(text), { file: 'firstparty.links.json', text }))
 *   console.log(`${f.file}:${f.line}: ${f.entry} ${f.field}: ${f.message}`)
 * ```
 */
export function validateRegistry(input: unknown, options: ValidateOptions = {}): LinkFinding[] {
  const findings: LinkFinding[] = []
  // Line numbers are only needed for findings: a valid registry never pays for the scan.
  let scanned: Map<string, number> | undefined
  const linesOf = (): Map<string, number> | undefined => (options.text === undefined ? undefined : (scanned ??= jsonLines(options.text)))
  const today = options.today ?? new Date().toISOString().slice(0, 10)
  const lineOf = (path: string): number | undefined => {
    const lines = linesOf()
    for (let p = path; lines; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
      const line = lines.get(p)
      if (line !== undefined || p === '') return line
    }
    return undefined
  }
  const report = (path: string, entry: string, field: string, rule: string, message: string): void => {
    const line = lineOf(field === '' ? path : `${path}/${field}`)
    findings.push({ rule, ...(options.file === undefined ? {} : { file: options.file }), ...(line === undefined ? {} : { line }), entry, field, message })
  }

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    report('', 'registry', '', 'invalid-registry', 'must be a JSON object with "creators" and "campaigns" arrays')
    return findings
  }
  const root = input as Entry
  const rootValid = shape(root, REGISTRY_FIELDS, '', 'registry', report)
  const reject = root.rejectAmbiguousCodes === true
  const allowed = Array.isArray(root.allowedDomains) ? (root.allowedDomains as string[]) : undefined
  const refParam = typeof root.refParam === 'string' ? root.refParam : REF_PARAMS[0]
  // A utm_, click-id or tracking-id name would be read by the parser as something else (a source, a paid click) or dropped.
  if (!/^[a-z][a-z0-9_]*$/.test(refParam) || (ATTRIBUTION_PARAMS.includes(refParam) && !(REF_PARAMS as readonly string[]).includes(refParam)))
    report(
      '',
      'registry',
      'refParam',
      'invalid-ref-param',
      `${quote(refParam)} must be a lowercase parameter name that is not a utm_, click id or tracking id parameter`,
    )
  if (options.base !== undefined) {
    const problem = checkLanding(options.base, allowed)
    if (problem) findings.push({ rule: problem.rule, entry: '--base', field: '', message: problem.message })
  }

  const campaignIds = new Set<string>()
  for (const kind of ['campaigns', 'creators'] as const) {
    const ids = new Map<string, string>()
    const codes = new Map<string, string>()
    const skeletons = new Map<string, string>()
    if (!rootValid.has(kind)) continue
    const list = root[kind] as unknown[]
    list.forEach((item, index) => {
      const path = `${kind}/${index}`
      const label = entryLabel(kind, index, item)
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        report(path, label, '', 'invalid-type', 'must be an object')
        return
      }
      const entry = item as Entry
      const at = (field: string, rule: string, message: string): void => report(path, label, field, rule, message)
      const valid = shape(entry, kind === 'creators' ? CREATOR_FIELDS : CAMPAIGN_FIELDS, path, label, report)
      const str = (field: string): string | undefined => (valid.has(field) ? (entry[field] as string) : undefined)

      const id = str('id')
      if (id !== undefined) {
        const key = normalizeValue(id)
        const seen = ids.get(key)
        if (key === '') at('id', 'empty-value', `${quote(id)} has no letters or digits`)
        else if (seen) at('id', 'duplicate-id', `duplicate id ${quote(id)}: same as ${seen} (ids are compared case-insensitively, as written in links)`)
        else ids.set(key, label)
        if (kind === 'campaigns') campaignIds.add(key)
      }
      for (const field of ['id', 'platform', 'medium', 'content', 'term', 'code']) {
        const value = str(field)
        if (value === undefined) continue
        const written = field === 'code' ? value.trim().toLowerCase() : normalizeValue(value)
        if (written === '') {
          if (field !== 'id') at(field, 'empty-value', `${quote(value)} has no letters or digits`)
        } else if (written.length > MAX_VALUE_LENGTH)
          at(field, 'too-long', `${quote(written)} is longer than ${MAX_VALUE_LENGTH} characters; the site would cut it`)
        // The raw value too: normalizing `jane@acme.dev` to `jane-acme-dev` hides the email from the parser, not from readers.
        else if (looksPersonal(written) || looksPersonal(value))
          at(
            field,
            'looks-personal',
            `${quote(value)} looks like personal data or a secret (an email, a phone number, a long token); links must not carry it, and the site would drop it`,
          )
      }
      const landing = str('landing')
      if (landing !== undefined) {
        const problem = checkLanding(landing, allowed)
        if (problem) at('landing', problem.rule, problem.message)
      }
      const start = str('start')
      const end = str('end')
      if (start !== undefined && end !== undefined && end < start) at('end', 'invalid-dates', `end ${end} is before start ${start}`)
      else if (end !== undefined && end < today) at('end', 'ended', `ended on ${end} (today is ${today}); remove it or extend the end date`)

      if (kind !== 'creators') return
      const channel = str('channel')
      if (channel !== undefined && !CREATOR_CHANNELS.includes(channel))
        at('channel', 'unknown-channel', `unknown channel ${quote(channel)}; expected one of ${CREATOR_CHANNELS.join(', ')}`)
      if (valid.has('campaigns'))
        for (const c of entry.campaigns as string[])
          if (!campaignIds.has(normalizeValue(c))) at('campaigns', 'unknown-campaign', `unknown campaign ${quote(c)}`)
      const code = str('code')
      if (code === undefined) return
      if (!SAFE_CODE.test(code.trim())) {
        at('code', 'unsafe-code', `${quote(code)} must be 1-64 letters, digits, "-" or "_", starting and ending with a letter or digit`)
        return
      }
      const lower = code.trim().toLowerCase()
      const seenCode = codes.get(lower)
      if (seenCode) {
        at('code', 'duplicate-code', `duplicate code ${quote(code)}: same as ${seenCode} (codes are case-insensitive)`)
        return
      }
      codes.set(lower, label)
      if (reject && isAmbiguousCode(code))
        at('code', 'ambiguous-code', `${quote(code)} is easy to misread (0/O, 1/l: digits 0 or 1, or digits mixed with o, l, i); rejectAmbiguousCodes is on`)
      const skeleton = codeSkeleton(code)
      const twin = skeletons.get(skeleton)
      if (twin) at('code', 'confusable-code', `${quote(code)} reads like the code of ${twin} (0/O, 1/l/I, - and _ are easily confused)`)
      else skeletons.set(skeleton, label)
    })
  }
  return findings
}

/** `creators[3] (theo)`: index for the file, id for the reader. */
function entryLabel(kind: Kind, index: number, item: unknown): string {
  const id = typeof item === 'object' && item !== null ? (item as Entry).id : undefined
  // Ids with odd characters are quoted so the entry stays on one line.
  if (typeof id !== 'string' || id === '') return `${kind}[${index}]`
  return /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]{1,60}$/.test(id) ? `${kind}[${index}] (${id})` : `${kind}[${index}] (${quote(id)})`
}

type Report = (path: string, entry: string, field: string, rule: string, message: string) => void

/** Shape checks for one object; returns the fields that are present and well-typed. */
function shape(entry: Entry, fields: Readonly<Record<string, FieldSpec>>, path: string, label: string, report: Report): Set<string> {
  const valid = new Set<string>()
  for (const [field, spec] of Object.entries(fields)) {
    if (!Object.hasOwn(entry, field) || entry[field] === null || entry[field] === undefined) {
      if (spec.required) report(path, label, field, 'missing-field', `missing required field ${quote(field)}`)
      continue
    }
    const problem = kindProblem(spec.kind, entry[field])
    if (problem) report(path, label, field, 'invalid-type', problem)
    else valid.add(field)
  }
  for (const field of Object.keys(entry))
    if (!Object.hasOwn(fields, field))
      report(path, label, field, 'unknown-field', `unknown field ${quote(field)}; known fields: ${Object.keys(fields).join(', ')}`)
  return valid
}
