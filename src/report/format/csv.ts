import { csvCell } from '../../links/formats.js'
import type { Report } from '../types.js'

/** Columns of the CSV, in order: the JSON row fields. */
export const CSV_COLUMNS = [
  'key',
  'name',
  'kind',
  'landings',
  'visitors',
  'signups',
  'conversion',
  'cost',
  'currency',
  'costPerSignup',
  'selfReported',
] as const

/**
 * A report as CSV, one line per row, best first: RFC 4180, CRLF, the same formula-injection escaping as
 * `links build` (`csvCell`). Numbers are plain (conversion as a fraction), empty cells where JSON has `null`.
 * @example
 * ```ts
 * writeFileSync('report.csv', toReportCsv(report))
 * ```
 */
export function toReportCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of report.rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c] === null ? '' : String(row[c]))).join(','))
  return `${lines.join('\r\n')}\r\n`
}
