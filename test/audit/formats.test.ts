import { gunzipSync, gzipSync } from 'node:zlib'
import { parseDocument, DomUtils } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import {
  applyMode,
  auditStatic,
  exitCodeFor,
  formatJson,
  formatJunit,
  formatSarif,
  formatTable,
  type AuditReport,
  type AuditFinding as Finding,
} from '../../src/audit/index.js'
import { FIXTURES } from './helpers.js'

const report = await auditStatic([`${FIXTURES}/dirty/gtag.html`, `${FIXTURES}/dirty/wordpress.html`, 'no/such.html'])

interface Sarif {
  version: string
  runs: {
    tool: { driver: { rules: { id: string }[] } }
    results: {
      ruleId: string
      ruleIndex: number
      level: string
      locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[]
      partialFingerprints: Record<string, string>
    }[]
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[]
  }[]
}

describe('report formats', () => {
  it('table: findings grouped by page with line:column, problems, and a summary line', () => {
    const text = formatTable(report)
    expect(text).toContain(`${FIXTURES}/dirty/gtag.html\n  ✖ error  7:1 `)
    expect(text).toContain('cannot audit no/such.html: no such file or directory')
    expect(text).toMatch(/firstparty audit \(static\): 2 files, 4 tracker findings, 3 warnings, 2 notes, 1 could not be read in \d+\.\d\d s/)
  })

  it('json: summary counts match the findings', () => {
    const json = JSON.parse(formatJson(report)) as { version: number; summary: Record<string, number>; findings: Finding[] }
    expect(json.version).toBe(1)
    expect(json.summary).toEqual({ pages: 2, errors: 4, warnings: 3, notes: 2, problems: 1, notAudited: 0 })
    expect(json.findings).toHaveLength(9)
  })

  it('sarif: 2.1.0 with rules, one located result per finding, errors, warnings and notes as levels', () => {
    const sarif = JSON.parse(formatSarif(report)) as Sarif
    const run = sarif.runs[0]!
    expect(sarif.version).toBe('2.1.0')
    expect(run.results).toHaveLength(9)
    const first = run.results[0]!
    expect(run.tool.driver.rules[first.ruleIndex]?.id).toBe(first.ruleId)
    expect(first.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: `${FIXTURES}/dirty/gtag.html` }, region: { startLine: 7, startColumn: 1 } })
    expect(run.results.map((r) => r.level).sort()).toEqual(['error', 'error', 'error', 'error', 'note', 'note', 'warning', 'warning', 'warning'])
    expect(run.invocations[0]?.executionSuccessful).toBe(false)
    expect(run.invocations[0]?.toolExecutionNotifications[0]?.message.text).toBe('cannot audit no/such.html: no such file or directory')
  })

  it('sarif fingerprints ignore line moves, so alerts do not reopen after an edit above them', () => {
    const moved: AuditReport = { ...report, findings: report.findings.map((f) => ({ ...f, evidence: { ...f.evidence, line: (f.evidence.line ?? 0) + 10 } })) }
    const a = (JSON.parse(formatSarif(report)) as Sarif).runs[0]!.results.map((r) => r.partialFingerprints)
    const b = (JSON.parse(formatSarif(moved)) as Sarif).runs[0]!.results.map((r) => r.partialFingerprints)
    expect(b).toEqual(a)
    expect(new Set(a.map((p) => Object.values(p)[0])).size).toBe(9)
  })

  it("sarif stays within GitHub's limits: results per run and gzipped size, errors kept first", () => {
    const many: AuditReport = { ...report, findings: Array.from({ length: 40 }, (_, i) => ({ ...report.findings[i % 9]!, page: `page-${i}.html` })) }
    const capped = JSON.parse(formatSarif(many, { resultsPerRun: 10, gzippedBytes: 10 * 1024 * 1024 })) as Sarif
    expect(capped.runs[0]!.results).toHaveLength(10)
    expect(capped.runs[0]!.results.every((r) => r.level === 'error')).toBe(true)
    expect(capped.runs[0]!.invocations[0]!.toolExecutionNotifications.at(-1)?.message.text).toMatch(/^30 more findings left out/)
    const limit = 1500
    const small = formatSarif(many, { resultsPerRun: 25_000, gzippedBytes: limit })
    expect(gzipSync(small).length).toBeLessThanOrEqual(limit)
    expect(gunzipSync(gzipSync(small)).toString()).toBe(small)
    expect((JSON.parse(small) as Sarif).runs[0]!.results.length).toBeLessThan(40)
  })

  it('junit: well-formed, one case per page, a failure per tracker, an error per problem', () => {
    const xml = formatJunit(report)
    const doc = parseDocument(xml, { xmlMode: true })
    const cases = DomUtils.getElementsByTagName('testcase', doc)
    expect(cases.map((c) => c.attribs.name)).toEqual([`${FIXTURES}/dirty/gtag.html`, `${FIXTURES}/dirty/wordpress.html`, 'no/such.html'])
    expect(DomUtils.getElementsByTagName('failure', doc)).toHaveLength(4)
    expect(DomUtils.getElementsByTagName('error', doc)).toHaveLength(1)
    expect(DomUtils.getElementsByTagName('testsuite', doc)[0]?.attribs).toMatchObject({ tests: '3', failures: '2', errors: '1' })
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/)
  })

  it('exit codes: 2 when something was not audited, 1 on errors, warnings fail only with failOn warning or strict mode', () => {
    expect(exitCodeFor(report)).toBe(2)
    const audited = { ...report, problems: [] }
    expect(exitCodeFor(audited)).toBe(1)
    const warningsOnly = { ...audited, findings: audited.findings.filter((f) => f.severity === 'warning') }
    expect(exitCodeFor(warningsOnly)).toBe(0)
    expect(exitCodeFor(warningsOnly, 'warning')).toBe(1)
    expect(exitCodeFor(applyMode(warningsOnly, 'strict'))).toBe(1)
    expect(exitCodeFor({ ...audited, findings: [] }, 'warning')).toBe(0)
  })
})
