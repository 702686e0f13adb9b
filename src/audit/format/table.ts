// Human output: findings grouped by page, one aligned line each, then problems and a summary.
import type { AuditReport, Finding } from '../types.js'
import { summarize } from '../verdict.js'

/**
 * Render a report as a plain-text table for terminals and CI logs.
 *
 * @example console.log(formatTable(report))
 */
export function formatTable(report: AuditReport): string {
  const out: string[] = []
  const byPage = new Map<string, Finding[]>()
  for (const f of report.findings) byPage.set(f.page, [...(byPage.get(f.page) ?? []), f])
  for (const [page, findings] of byPage) {
    out.push(page)
    const rows = findings.map((f) => [
      f.severity === 'error' ? '  ✖ error' : f.severity === 'warning' ? '  ⚠ warn ' : '  · note ',
      f.evidence.line !== undefined ? `${f.evidence.line}:${f.evidence.column ?? 1}` : (f.evidence.phase ?? ''),
      f.subject.name,
      f.rule,
      evidenceText(f),
    ])
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
    for (const r of rows)
      out.push(
        r
          .map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell))
          .join('  ')
          .trimEnd(),
      )
    out.push('')
  }
  for (const p of report.problems) out.push(`  ✖ cannot audit ${p.target}: ${p.message}`)
  for (const n of report.notices ?? []) out.push(`  ⚠ ${n.target}: ${n.message}`)
  for (const k of report.skipped ?? []) out.push(`  ? not audited (${k.type}): ${k.files.length} file${k.files.length === 1 ? '' : 's'}: ${list(k.files)}`)
  if (report.problems.length || report.notices?.length || report.skipped?.length) out.push('')
  const s = summarize(report)
  const noun = report.mode === 'live' ? 'page' : 'file'
  const counts = [
    `${s.errors} tracker finding${s.errors === 1 ? '' : 's'}`,
    `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`,
    ...(s.notes ? [`${s.notes} note${s.notes === 1 ? '' : 's'}`] : []),
    ...(s.problems ? [`${s.problems} could not be read`] : []),
    ...(s.notAudited ? [`${s.notAudited} not audited (type)`] : []),
  ]
  const assets = report.assets ? ` (${report.assets} asset file${report.assets === 1 ? '' : 's'} skipped: images, fonts, media, lockfiles, text)` : ''
  out.push(
    `firstparty audit (${report.mode}): ${s.pages} ${noun}${s.pages === 1 ? '' : 's'}${assets}, ${counts.join(', ')} in ${(report.durationMs / 1000).toFixed(2)} s`,
  )
  if (s.errors === 0 && s.problems === 0) {
    // "Clean" only when everything was read: a file of an unknown type could hold anything.
    if (s.notAudited) out.push(`No trackers in what was read, but ${s.notAudited} file${s.notAudited === 1 ? ' was' : 's were'} not audited (see above).`)
    else if (s.warnings) out.push('No denied trackers (review the warnings).')
    else out.push(s.notes ? 'Clean: no trackers (the notes list fonts, video, payments and CDNs it loads).' : 'Clean: no trackers, no third parties.')
  }
  return out.join('\n')
}

function list(files: readonly string[]): string {
  return files.length > 3 ? `${files.slice(0, 3).join(', ')}, …` : files.join(', ')
}

function evidenceText(f: Finding): string {
  const e = f.evidence
  const parts = [`${e.source}: ${e.match}`]
  if (e.ids?.length && !(e.ids.length === 1 && e.ids[0] === e.match)) parts.push(`[${e.ids.join(', ')}]`)
  if (e.initiators?.length) parts.push(`via ${e.initiators.join(' ← ')}`)
  return parts.join(' ')
}
