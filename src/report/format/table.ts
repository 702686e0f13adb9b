import type { Report } from '../types.js'
import { caption, label, money, percent } from './values.js'

const HEAD = ['', 'landings', 'visitors', 'signups', 'conversion', 'cost', 'per signup', 'self-reported'] as const

/**
 * A report as an aligned text table, best rows first, the non-creator rows after a blank line, totals last.
 * Labels are cut to 40 characters and control characters removed, so a hostile code cannot break the layout.
 * @example
 * ```ts
 * process.stdout.write(toTable(report))
 * ```
 */
export function toTable(report: Report): string {
  const clean = (text: string): string => {
    // Control and bidi characters are what this replaces (noControlCharactersInRegex is off in biome.json).
    const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?')
    return plain.length > 40 ? `${plain.slice(0, 39)}…` : plain
  }
  const cells = (
    name: string,
    r: {
      landings: number
      visitors: number
      signups: number
      conversion: number | null
      cost: number | null
      currency: string | null
      costPerSignup: number | null
      selfReported?: number | null
    },
  ): string[] => [
    clean(name),
    String(r.landings),
    String(r.visitors),
    String(r.signups),
    percent(r.conversion),
    money(r.cost, r.currency),
    money(r.costPerSignup, r.currency),
    r.selfReported === undefined || r.selfReported === null ? '-' : String(r.selfReported),
  ]
  const tracked = report.rows.filter((r) => r.kind !== 'other').map((r) => cells(label(r), r))
  const other = report.rows.filter((r) => r.kind === 'other').map((r) => cells(label(r), r))
  const t = report.totals
  const total = cells('total', { ...t, selfReported: t.surveyAnswers })
  const all = [[...HEAD], ...tracked, ...other, total]
  const widths = HEAD.map((_, i) => Math.max(...all.map((row) => (row[i] as string).length)))
  const line = (row: string[]): string =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd()
  const out = [`Signups ${caption(report)}`, '', line([...HEAD]), ...tracked.map(line)]
  if (other.length) out.push('', ...other.map(line))
  out.push('', line(total))
  if (report.unregistered.length) out.push('', `Unregistered codes (in events, not in the registry): ${report.unregistered.map(clean).join(', ')}`)
  if (t.untrackedSignups > 0)
    out.push(
      `Dark social: ${t.untrackedSignupsNamingSource} of ${t.untrackedSignups} signups tracked as direct or unknown named a source in the survey (${percent(t.darkSocialShare)}).`,
    )
  return `${out.join('\n')}\n`
}
