// One entry for all report formats.
import type { AuditReport } from '../types.js'
import { formatJson } from './json.js'
import { formatJunit } from './junit.js'
import { formatSarif } from './sarif.js'
import { formatTable } from './table.js'

/** Report formats of `firstparty audit --format`. */
export const FORMATS = ['table', 'json', 'sarif', 'junit'] as const
/** One of {@link FORMATS}. */
export type ReportFormat = (typeof FORMATS)[number]

/**
 * Render a report in the given format.
 *
 * @default format 'table'
 * @example formatReport(report, 'sarif')
 */
export function formatReport(report: AuditReport, format: ReportFormat = 'table'): string {
  switch (format) {
    case 'json':
      return formatJson(report)
    case 'sarif':
      return formatSarif(report)
    case 'junit':
      return formatJunit(report)
    default:
      return formatTable(report)
  }
}

export { formatJson, formatJunit, formatSarif, formatTable }
export { SARIF_LIMITS } from './sarif.js'
