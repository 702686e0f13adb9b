/**
 * The registry's fields and what each accepts: the shape checks (missing, wrong type, unknown field).
 * The JSON Schema in `schema/` lists the same fields; a test keeps the two in step.
 */

/** What a field holds. */
export type FieldKind = 'string' | 'url' | 'date' | 'strings' | 'boolean' | 'array' | 'cost' | 'currency'

/** A field: its kind and whether it must be there. */
export interface FieldSpec {
  kind: FieldKind
  required: boolean
}

const req = (kind: FieldKind): FieldSpec => ({ kind, required: true })
const opt = (kind: FieldKind): FieldSpec => ({ kind, required: false })

/** Top-level fields of `firstparty.links.json`. */
export const REGISTRY_FIELDS: Readonly<Record<string, FieldSpec>> = {
  $schema: opt('string'),
  allowedDomains: opt('strings'),
  rejectAmbiguousCodes: opt('boolean'),
  refParam: opt('string'),
  creators: req('array'),
  campaigns: req('array'),
}

/** Fields of one creator. */
export const CREATOR_FIELDS: Readonly<Record<string, FieldSpec>> = {
  id: req('string'),
  name: req('string'),
  platform: req('string'),
  channel: req('string'),
  code: req('string'),
  landing: opt('url'),
  start: opt('date'),
  end: opt('date'),
  campaigns: opt('strings'),
  cost: opt('cost'),
  currency: opt('currency'),
}

/** Fields of one campaign. */
export const CAMPAIGN_FIELDS: Readonly<Record<string, FieldSpec>> = {
  id: req('string'),
  name: req('string'),
  medium: req('string'),
  landing: req('url'),
  content: opt('string'),
  term: opt('string'),
  start: opt('date'),
  end: opt('date'),
  cost: opt('cost'),
  currency: opt('currency'),
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDate(value: string): boolean {
  const m = DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

/** Why `value` does not fit `kind`, or `undefined` when it does. */
export function kindProblem(kind: FieldKind, value: unknown): string | undefined {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false'
    case 'array':
      return Array.isArray(value) ? undefined : 'must be an array'
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'must be an array of strings'
    case 'cost':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'must be a number ≥ 0 (the amount, without the currency)'
    case 'currency':
      if (typeof value !== 'string') return 'must be a string, an ISO 4217 code such as "USD"'
      return /^[A-Z]{3}$/.test(value) ? undefined : `must be an ISO 4217 code of three capital letters such as "USD", got ${quote(value)}`
    case 'date':
      if (typeof value !== 'string') return 'must be a date string "YYYY-MM-DD"'
      return isDate(value) ? undefined : `must be a date "YYYY-MM-DD", got ${quote(value)}`
    case 'string':
    case 'url':
      if (typeof value !== 'string') return 'must be a string'
      return value.trim() === '' ? 'must not be empty' : undefined
  }
}

/**
 * A value as shown in a message: JSON-quoted (so a newline cannot break the one-line-per-finding output)
 * and cut to 80 characters.
 */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value)
}
