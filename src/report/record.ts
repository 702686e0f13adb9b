/**
 * One input record → one {@link ReportEvent}, whatever wrote it:
 * - the `firstparty dev` store: `{ event, properties: { distinct_id, … }, timestamp?, receivedAt }`;
 * - PostHog JSON Lines (batch exports, file download exports): `{ uuid, event, distinct_id, person_id,
 *   properties, person_properties, timestamp, created_at, _inserted_at }`, `properties` an object (or, as in
 *   Parquet, a JSON-encoded string);
 * - the PostHog events API: `{ id, distinct_id, properties, event, timestamp, person }`;
 * - flat rows (CSV exports of the events table, `/query` results): `*.event`, `*.distinct_id`,
 *   `*.timestamp`, `*.properties.<name>` columns, or the same without `*.`, or `properties.<name>`.
 * Unknown fields are ignored.
 */
import type { ReportEvent } from './types.js'

type Json = Record<string, unknown>

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

// PostHog writes `2024-03-22 13:46:00.123456+00:00` in CSV and ClickHouse output, ISO 8601 in JSON; both are UTC.
const SPACED = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/
const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i

/**
 * A time in milliseconds since the epoch, from an ISO 8601 string, PostHog's `YYYY-MM-DD HH:MM:SS[.ffffff][+00:00]`
 * (no zone means UTC) or a number of milliseconds. `undefined` when unreadable.
 * @example
 * ```ts
 * parseTime('2026-11-02 10:00:00') === Date.UTC(2026, 10, 2, 10) // true
 * ```
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || value.length < 10 || value.length > 40) return undefined
  // The common case, what posthog-js and the dev sink write: `2026-11-02T10:00:00.000Z`.
  if (value.length === 24 && value.charCodeAt(10) === 84 && value.charCodeAt(23) === 90) {
    const ms = Date.parse(value)
    if (!Number.isNaN(ms)) return ms
  }
  let text = SPACED.test(value) ? value.replace(' ', 'T') : value
  // Microseconds are more than Date.parse reads everywhere: keep milliseconds.
  text = text.replace(/(\.\d{3})\d+/, '$1')
  if (text.length > 10 && !ZONED.test(text)) text += 'Z'
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

function parseProperties(value: unknown): Json | undefined {
  if (isRecord(value)) return value
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(value)
      return isRecord(parsed) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined)

/**
 * A nested record (store line, JSON Lines, events API) as a report event, or `undefined` when it is not
 * an event (no name, no visitor).
 */
export function fromNested(record: unknown): ReportEvent | undefined {
  if (!isRecord(record)) return undefined
  const event = record.event
  if (typeof event !== 'string' || event === '') return undefined
  const properties = parseProperties(record.properties) ?? {}
  const visitor = text(record.person_id) ?? text(properties.distinct_id) ?? text(record.distinct_id) ?? text(record.$distinct_id)
  if (visitor === undefined) return undefined
  const time =
    parseTime(record.timestamp) ?? parseTime(record.receivedAt) ?? parseTime(properties.$time !== undefined ? Number(properties.$time) * 1000 : undefined)
  return { event, visitor, time, properties }
}

/**
 * A flat row (CSV export, `/query` result) as a report event. Column names are PostHog's: `*.event` or `event`,
 * `*.properties.first_touch_ref` or `properties.first_touch_ref`, `*.properties` (the whole JSON) and so on.
 */
export function fromFlat(row: Readonly<Record<string, unknown>>): ReportEvent | undefined {
  const top: Json = {}
  let properties: Json = {}
  for (const [column, value] of Object.entries(row)) {
    if (value === '' || value === null || value === undefined) continue
    const name = column.startsWith('*.') ? column.slice(2) : column
    // `__proto__` would set the object's prototype rather than a property.
    if (name.endsWith('__proto__')) continue
    if (name.startsWith('properties.')) properties[name.slice('properties.'.length)] = value
    else if (name === 'properties') properties = { ...parseProperties(value), ...properties }
    else if (!Object.hasOwn(top, name)) top[name] = value
  }
  return fromNested({ ...top, properties })
}
