import type { Report } from '../types.js'
import { toReportCsv } from './csv.js'
import { toReportHtml } from './html.js'
import { toReportJson } from './json.js'
import { toTable } from './table.js'

/** Output formats of `firstparty report`. */
export const REPORT_FORMATS = ['table', 'json', 'csv', 'html'] as const
/** An output format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** Render a report in one format. */
export function renderReport(format: ReportFormat, report: Report): string {
  switch (format) {
    case 'json':
      return toReportJson(report)
    case 'csv':
      return toReportCsv(report)
    case 'html':
      return toReportHtml(report)
    case 'table':
      return toTable(report)
  }
}
