// Static audit: built HTML and JS on disk → findings, without running anything.
import type { AuditProblem, AuditReport, Finding } from '../types.js'
import { scanFiles, type PoolOptions } from './pool.js'
import { expandTargets } from './walk.js'

/** Options of {@link auditStatic}. */
export interface StaticAuditOptions {
  /** Hosts that may be loaded (the site's own domains, its PostHog host, a vetted CDN). @default [] */
  allow?: readonly string[]
  /** Directory that relative targets and reported paths are relative to. @default process.cwd() */
  cwd?: string
  /** Worker threads. @default os.availableParallelism() */
  jobs?: number
  /** See {@link PoolOptions.workerScript}. */
  workerScript?: string | URL | false
  /** Called after each file. */
  onProgress?: (done: number, total: number) => void
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
  const { files, problems } = await expandTargets(targets, cwd)
  const pool: PoolOptions = { allow: options.allow ?? [] }
  if (options.jobs !== undefined) pool.jobs = options.jobs
  if (options.workerScript !== undefined) pool.workerScript = options.workerScript
  if (options.onProgress) pool.onProgress = options.onProgress
  const results = await scanFiles(files, pool)
  const pages: string[] = []
  const findings: Finding[] = []
  const fileProblems: AuditProblem[] = []
  for (const r of results) {
    if ('problem' in r) fileProblems.push({ target: r.page, message: r.problem })
    else {
      pages.push(r.page)
      findings.push(...r.findings)
    }
  }
  return { mode: 'static', pages, findings, problems: [...problems, ...fileProblems], durationMs: performance.now() - started }
}
