// SARIF 2.1.0 for GitHub code scanning, kept inside GitHub's upload limits: ≤ 25,000 results per
// run, ≤ 1,000 locations per result (we emit one), ≤ 10 MB gzipped. Stable ruleIds and fingerprints
// keep alerts from duplicating across runs.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { AuditReport, Finding, FindingRule } from '../types.js'

/** GitHub's limits for one SARIF upload. */
export const SARIF_LIMITS = { resultsPerRun: 25_000, gzippedBytes: 10 * 1024 * 1024 } as const

const RULES: Record<FindingRule, string> = {
  'tracker-resource': 'An element loads a catalogued tracker',
  'tracker-snippet': 'Tracker loader code in a script',
  'tracker-id': 'A tracker account id in code or markup',
  'tracker-package': 'A package that injects a tracker is imported, configured or installed',
  'tracker-csp': 'A Content-Security-Policy allows a tracker host',
  'tracker-request': 'The page sent a request to a tracker',
  'tracker-cookie': 'The page set a tracker cookie',
  'tracker-storage': 'The page wrote a tracker localStorage key',
  'tracker-global': 'A tracker global exists on the page',
  'tracker-blocked': "firstparty's guard stopped the page from loading a tracker",
  'third-party': 'The page loads an uncatalogued third party',
}
const RULE_IDS = Object.keys(RULES) as FindingRule[]

/**
 * Render a report as SARIF 2.1.0. Errors are kept first when results must be cut to fit the limits;
 * the cut is reported as a tool notification.
 *
 * @example writeFileSync('audit.sarif', formatSarif(report))
 */
export function formatSarif(report: AuditReport, limits: { resultsPerRun: number; gzippedBytes: number } = SARIF_LIMITS): string {
  const rank = { error: 0, warning: 1, note: 2 } as const
  const ordered = [...report.findings].sort((a, b) => rank[a.severity] - rank[b.severity])
  let keep = Math.min(ordered.length, limits.resultsPerRun)
  for (;;) {
    const text = JSON.stringify(document(report, ordered.slice(0, keep), ordered.length - keep))
    if (keep === 0 || gzipSync(text).length <= limits.gzippedBytes) return text
    keep = Math.floor(keep * 0.8)
  }
}

function document(report: AuditReport, findings: Finding[], dropped: number): object {
  const notifications = report.problems.map((p) => ({ level: 'error', message: { text: `cannot audit ${p.target}: ${p.message}` } }))
  if (dropped > 0)
    notifications.push({
      level: 'warning',
      message: { text: `${dropped} more findings left out to stay within GitHub's SARIF limits; use --format json for all` },
    })
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'firstparty-audit',
            informationUri: 'https://github.com/firstparty/firstparty#audit',
            rules: RULE_IDS.map((id) => ({
              id,
              name: id.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase()),
              shortDescription: { text: RULES[id] },
              defaultConfiguration: { level: id === 'third-party' || id === 'tracker-csp' || id === 'tracker-blocked' ? 'warning' : 'error' },
            })),
          },
        },
        automationDetails: { id: `firstparty-audit/${report.mode}/` },
        invocations: [{ executionSuccessful: report.problems.length === 0, toolExecutionNotifications: notifications }],
        results: findings.map(result),
      },
    ],
  }
}

function result(f: Finding): object {
  const region = f.evidence.line !== undefined ? { region: { startLine: f.evidence.line, startColumn: f.evidence.column ?? 1 } } : {}
  return {
    ruleId: f.rule,
    ruleIndex: RULE_IDS.indexOf(f.rule),
    level: f.severity,
    message: { text: `${f.message}: ${f.evidence.match}${f.evidence.ids?.length ? ` (${f.evidence.ids.join(', ')})` : ''}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.page }, ...region } }],
    // Line-independent, so an edit above the snippet does not reopen the alert.
    partialFingerprints: {
      'firstpartyFinding/v1': createHash('sha256').update([f.rule, f.subject.id, f.page, f.evidence.match].join('\0')).digest('hex').slice(0, 32),
    },
    properties: { tracker: f.subject.id, trackerName: f.subject.name, vendor: f.subject.vendor, category: f.subject.category, source: f.evidence.source },
  }
}
