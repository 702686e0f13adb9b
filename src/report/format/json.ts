import type { Report } from '../types.js'

/** A report as indented JSON (the {@link Report} shape). */
export function toReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
