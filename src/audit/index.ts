// Public API of the tracker audit (Node only: file system, worker threads, Chromium).
export { auditStatic, type StaticAuditOptions } from './static/index.js'
// The live audit (Chromium, via the optional playwright-core peer) is `firstparty/audit/live`, so static-audit
// users compile without playwright-core's types (skipLibCheck: false).
export { formatReport, formatJson, formatJunit, formatSarif, formatTable, FORMATS, SARIF_LIMITS, type ReportFormat } from './format/index.js'
export { applyMode, exitCodeFor, summarize, type AuditSummary, type FailOn } from './verdict.js'
export { applyPolicy, DEFAULT_POLICY, levelFor, policyCategory, policyFrom, POLICY_CATEGORIES, type AuditPolicy, type PolicyCategory } from './policy.js'
// `AuditFinding`: a tracker found by the audit (the root entry's `LinkFinding` is a link-registry problem).
export type {
  AuditNotice,
  SkippedFiles,
  AuditProblem,
  AuditReport,
  PageActivity,
  Evidence,
  Finding as AuditFinding,
  FindingRule,
  FindingSubject,
  Severity,
} from './types.js'
export { checkAuditConfig, type AuditConfig } from './config.js'
export { FirstpartyError, InputError, UsageError } from './errors.js'
