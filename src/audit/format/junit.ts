// JUnit XML for CI systems that only read test reports (Jenkins, Bitbucket, GitLab): one test case
// per page, a <failure> per tracker finding, an <error> per input that could not be audited.
import type { AuditReport, Finding } from '../types.js'
import { summarize } from '../verdict.js'

/**
 * Render a report as JUnit XML. Warnings go to `<system-out>` so they are visible but do not fail.
 *
 * @example writeFileSync('audit.xml', formatJunit(report))
 */
export function formatJunit(report: AuditReport): string {
  const byPage = new Map<string, Finding[]>(report.pages.map((p) => [p, []]))
  for (const f of report.findings) byPage.set(f.page, [...(byPage.get(f.page) ?? []), f])
  const s = summarize(report)
  const failed = [...byPage.values()].filter((fs) => fs.some((f) => f.severity === 'error')).length
  const tests = byPage.size + report.problems.length
  const time = (report.durationMs / 1000).toFixed(3)
  const cases: string[] = []
  for (const [page, findings] of byPage) {
    const errors = findings.filter((f) => f.severity === 'error')
    const warnings = findings.filter((f) => f.severity !== 'error')
    const body = [
      ...errors.map((f) => `      <failure message="${xml(f.message)}" type="${f.rule}">${xml(detail(f))}</failure>`),
      ...(warnings.length ? [`      <system-out>${xml(warnings.map(detail).join('\n'))}</system-out>`] : []),
    ]
    cases.push(`    <testcase classname="firstparty.audit" name="${xml(page)}"${body.length ? `>\n${body.join('\n')}\n    </testcase>` : ' />'}`)
  }
  for (const p of report.problems)
    cases.push(`    <testcase classname="firstparty.audit" name="${xml(p.target)}">\n      <error message="${xml(p.message)}" type="input" />\n    </testcase>`)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="firstparty audit" tests="${tests}" failures="${failed}" errors="${s.problems}" time="${time}">`,
    `  <testsuite name="firstparty audit (${report.mode})" tests="${tests}" failures="${failed}" errors="${s.problems}" skipped="0" time="${time}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}

function detail(f: Finding): string {
  const at = f.evidence.line !== undefined ? `${f.page}:${f.evidence.line}:${f.evidence.column ?? 1}` : f.page
  const ids = f.evidence.ids?.length ? ` ids=${f.evidence.ids.join(',')}` : ''
  const via = f.evidence.initiators?.length ? ` via ${f.evidence.initiators.join(' <- ')}` : ''
  return `${f.severity} ${f.rule} ${f.subject.name} (${f.subject.vendor}, ${f.subject.category}) at ${at}: ${f.evidence.source}: ${f.evidence.match}${ids}${via}`
}

/** Escape text for XML attributes and content; drop characters XML 1.0 forbids. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
