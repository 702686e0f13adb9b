// Static audit: built HTML and JS on disk → findings, without running anything.
import { applyPolicy, DEFAULT_POLICY, type AuditPolicy } from '../policy.js'
import type { AuditNotice, AuditProblem, AuditReport, Finding } from '../types.js'
import { createPool, MIN_FILES_FOR_WORKERS, type PoolOptions } from './pool.js'
import { expandTargets, type Expanded } from './walk.js'

/** Options of {@link auditStatic}. */
export interface StaticAuditOptions {
  /** Hosts that may be loaded (the site's own domains, its PostHog host, a vetted CDN). @default [] */
  allow?: readonly string[]
  /** Directory that relative targets and reported paths are relative to. @default process.cwd() */
  cwd?: string
  /** Threads, this one included. @default the idle cores: os.availableParallelism(), fewer on a busy machine (1-minute load average) */
  jobs?: number
  /** See {@link PoolOptions.workerScript}. */
  workerScript?: string | URL | false
  /** Called after each file. */
  onProgress?: (done: number, total: number) => void
  /** Which categories are errors, warnings or notes. @default DEFAULT_POLICY */
  policy?: AuditPolicy
}

/**
 * Audit files, directories and globs of a built site for trackers.
 *
 * @example
 * const report = await auditStatic(['dist'], { allow: ['eu.i.posthog.com'] })
 * if (report.findings.some((f) => f.severity === 'error')) process.exitCode = 1
 */
export async function auditStatic(targets: readonly string[], options: StaticAuditOptions = {}): Promise<AuditReport> {
  const started = performance.now()
  const cwd = options.cwd ?? process.cwd()
  // Our own copy: the URL memo recognises its allow list by identity (classify.ts), so it must not change.
  const poolOptions: PoolOptions = { allow: [...(options.allow ?? [])] }
  if (options.jobs !== undefined) poolOptions.jobs = options.jobs
  if (options.workerScript !== undefined) poolOptions.workerScript = options.workerScript
  if (options.onProgress) poolOptions.onProgress = options.onProgress
  const pool = createPool(poolOptions)
  // Workers start as soon as the walk has found enough files, and get the first batches while it goes on.
  let expanded: Expanded
  try {
    expanded = await expandTargets(targets, cwd, (task, found) => {
      if (found === MIN_FILES_FOR_WORKERS) pool.start()
      pool.offer(task)
    })
  } catch (error) {
    await pool.close()
    throw error
  }
  const { files, problems, skipped, assets } = expanded
  const results = await pool.scan(files)
  const pages: string[] = []
  const findings: Finding[] = []
  const fileProblems: AuditProblem[] = []
  const notices: AuditNotice[] = []
  for (const r of results) {
    if ('problem' in r) fileProblems.push({ target: r.page, message: r.problem })
    else {
      pages.push(r.page)
      findings.push(...r.findings)
      if (r.notice) notices.push({ target: r.page, message: r.notice })
    }
  }
  return {
    mode: 'static',
    pages,
    findings: applyPolicy(findings, options.policy ?? DEFAULT_POLICY),
    problems: [...problems, ...fileProblems],
    skipped,
    assets,
    notices,
    durationMs: performance.now() - started,
  }
}
