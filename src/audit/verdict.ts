// Exit codes and counts: one place decides what fails CI.
import type { AuditReport } from './types.js'

/** Which findings fail the audit: `error` (denied categories) or also `warning` (chat widgets, unknown hosts, CSP). Notes never fail. */
export type FailOn = 'error' | 'warning'

/** Counts for summaries. */
export interface AuditSummary {
  pages: number
  errors: number
  warnings: number
  /** Findings listed for the record only (fonts, video, payments, CDNs). */
  notes: number
  problems: number
  /** Files not audited because their type can't be interpreted. */
  notAudited: number
}

/** Count findings by severity. */
export function summarize(report: AuditReport): AuditSummary {
  let errors = 0
  let notes = 0
  for (const f of report.findings) {
    if (f.severity === 'error') errors++
    else if (f.severity === 'note') notes++
  }
  const notAudited = (report.skipped ?? []).reduce((n, s) => n + s.files.length, 0)
  return { pages: report.pages.length, errors, warnings: report.findings.length - errors - notes, notes, problems: report.problems.length, notAudited }
}

/**
 * The CLI's exit code: 2 when an input could not be audited (the result is incomplete),
 * else 1 when a finding at or above `failOn` exists, else 0.
 *
 * @default failOn 'error'
 * @example exitCodeFor(report) // 0 | 1 | 2
 */
export function exitCodeFor(report: AuditReport, failOn: FailOn = 'error'): 0 | 1 | 2 {
  if (report.problems.length > 0) return 2
  const failing = report.findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'))
  return failing ? 1 : 0
}

/**
 * Apply the policy mode of `firstparty.config.json`: in `strict` mode every third party that is not
 * allowed is an error, as the guard blocks it too; `catalog` mode leaves them warnings.
 *
 * @default mode 'catalog'
 * @example applyMode(report, 'strict').findings.every((f) => f.severity === 'error')
 */
export function applyMode(report: AuditReport, mode: 'catalog' | 'strict' = 'catalog'): AuditReport {
  if (mode !== 'strict') return report
  return { ...report, findings: report.findings.map((f) => (f.rule === 'third-party' ? { ...f, severity: 'error' as const } : f)) }
}
