// JSON output: the report as data, with a summary and a format version for consumers.
import type { AuditReport } from '../types.js'
import { summarize } from '../verdict.js'

/** Version of the JSON shape; bumped on incompatible changes. */
export const JSON_FORMAT_VERSION = 1

/**
 * Render a report as pretty-printed JSON: `{ version, mode, summary, findings, problems, notices?, notAudited?, assets?, pages, durationMs, activity? }`
 * (`activity`: live audits only, every request, cookie and storage key per page).
 *
 * @example JSON.parse(formatJson(report)).summary.errors
 */
export function formatJson(report: AuditReport): string {
  return JSON.stringify(
    {
      version: JSON_FORMAT_VERSION,
      mode: report.mode,
      summary: summarize(report),
      findings: report.findings,
      problems: report.problems,
      ...(report.notices?.length ? { notices: report.notices } : {}),
      ...(report.skipped ? { notAudited: report.skipped, assets: report.assets ?? 0 } : {}),
      pages: report.pages,
      durationMs: Math.round(report.durationMs),
      ...(report.activity ? { activity: report.activity } : {}),
    },
    null,
    2,
  )
}
