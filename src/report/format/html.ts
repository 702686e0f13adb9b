import type { Report, ReportRow } from '../types.js'
import { caption, label, money, percent } from './values.js'

/** Options of {@link toReportHtml}. */
export interface HtmlOptions {
  /** Reload the page every N seconds (the live `/_report` of `firstparty dev`). */
  refreshSeconds?: number
  /** Links to the same report by other rows and models, as `?by=…&model=…` (the dev page). */
  switcher?: boolean
}

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

const BAR = 22
const LABEL = 230
const WIDTH = 720

/**
 * Horizontal bars, one per row: visitors in a light bar, signups in a dark bar over it, on one scale, with the
 * numbers written at the end. Plain SVG: no script, no font or file to fetch.
 */
function barChart(rows: readonly ReportRow[], title: string): string {
  if (!rows.length) return ''
  const max = Math.max(1, ...rows.map((r) => r.visitors))
  const plot = WIDTH - LABEL - 120
  const height = rows.length * (BAR + 8) + 30
  const bars = rows
    .map((r, i) => {
      const y = 24 + i * (BAR + 8)
      const visitors = (r.visitors / max) * plot
      const signups = (r.signups / max) * plot
      const name = label(r)
      const shown = name.length > 34 ? `${name.slice(0, 33)}…` : name
      return [
        `<text x="${LABEL - 8}" y="${y + BAR / 2 + 4}" text-anchor="end">${escapeHtml(shown)}</text>`,
        `<rect x="${LABEL}" y="${y}" width="${visitors.toFixed(1)}" height="${BAR}" fill="#c7d7f2"><title>${escapeHtml(`${name}: ${r.visitors} visitors`)}</title></rect>`,
        `<rect x="${LABEL}" y="${y + 5}" width="${signups.toFixed(1)}" height="${BAR - 10}" fill="#1f4fa3"><title>${escapeHtml(`${name}: ${r.signups} signups`)}</title></rect>`,
        `<text x="${(LABEL + Math.max(visitors, signups) + 6).toFixed(1)}" y="${y + BAR / 2 + 4}" class="n">${r.signups} / ${r.visitors} · ${percent(r.conversion)}</text>`,
      ].join('')
    })
    .join('\n')
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="system-ui, sans-serif" font-size="12">
<text x="0" y="14" font-weight="600">${escapeHtml(title)}</text>
${bars}
</svg><figcaption><span class="k v"></span> visitors <span class="k s"></span> signups</figcaption></figure>`
}

function tableRows(rows: readonly ReportRow[]): string {
  return rows
    .map(
      (r) =>
        `<tr${r.kind === 'other' ? ' class="o"' : ''}><th scope="row">${escapeHtml(label(r))}</th><td>${r.landings}</td><td>${r.visitors}</td><td>${r.signups}</td><td>${percent(r.conversion)}</td><td>${escapeHtml(money(r.cost, r.currency))}</td><td>${escapeHtml(money(r.costPerSignup, r.currency))}</td><td>${r.selfReported ?? '-'}</td></tr>`,
    )
    .join('\n')
}

/**
 * A report as one self-contained HTML page: SVG bar charts drawn here, a table, the totals and the dark-social
 * figure. Nothing is loaded from elsewhere and no script runs; every value from the events is escaped.
 * @example
 * ```ts
 * writeFileSync('report.html', toReportHtml(report))
 * ```
 */
export function toReportHtml(report: Report, options: HtmlOptions = {}): string {
  const tracked = report.rows.filter((r) => r.kind !== 'other')
  const other = report.rows.filter((r) => r.kind === 'other')
  const t = report.totals
  const switcher = options.switcher
    ? `<nav>${(['creator', 'campaign', 'channel'] as const)
        .flatMap((by) => (['first', 'last'] as const).map((model) => ({ by, model })))
        .map(({ by, model }) => {
          const current = by === report.by && model === report.model
          const range = `${report.from ? `&amp;from=${report.from}` : ''}${report.to ? `&amp;to=${report.to}` : ''}`
          return current ? `<strong>${by}, ${model}</strong>` : `<a href="?by=${by}&amp;model=${model}${range}">${by}, ${model}</a>`
        })
        .join(' · ')} · <a href="?by=${report.by}&amp;model=${report.model}&amp;format=json">JSON</a></nav>`
    : ''
  const dark =
    t.untrackedSignups > 0
      ? `<p>Dark social: <strong>${t.untrackedSignupsNamingSource} of ${t.untrackedSignups}</strong> signups tracked as direct or unknown named a source in the survey (${percent(t.darkSocialShare)}).</p>`
      : ''
  const unregistered = report.unregistered.length
    ? `<p>Unregistered codes (in events, not in the registry): ${report.unregistered.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}</p>`
    : ''
  const empty = report.rows.length === 0 ? '<p>No events in this range.</p>' : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>firstparty · signups ${escapeHtml(caption(report))}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">${options.refreshSeconds ? `\n<meta http-equiv="refresh" content="${Math.max(1, Math.round(options.refreshSeconds))}">` : ''}
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111;max-width:60rem}h1{font-size:1.25rem}
table{border-collapse:collapse;margin:1rem 0}td,th{padding:.3rem .7rem;border-bottom:1px solid #e5e5e5;text-align:right}
th[scope=row],thead th:first-child{text-align:left;font-weight:500}tr.o{color:#555}tfoot th,tfoot td{font-weight:600;border-top:2px solid #999}
svg .n,.n{fill:#444;color:#666}figure{margin:1rem 0}figcaption{color:#666;font-size:12px}.k{display:inline-block;width:.8rem;height:.8rem;vertical-align:middle}
.k.v{background:#c7d7f2}.k.s{background:#1f4fa3;margin-left:1rem}nav{margin:.5rem 0 1rem}code{font-size:12px}
</style></head><body>
<h1>Signups ${escapeHtml(caption(report))}</h1>
${switcher}
<p class="n">${report.input.events} events read${report.input.malformed ? `, ${report.input.malformed} malformed skipped` : ''}${report.input.outOfRange ? `, ${report.input.outOfRange} outside the dates` : ''}. Conversion is signups / visitors; a visitor signs up once.</p>
${empty}${barChart(tracked, `Visitors and signups by ${report.by} (${report.model} touch)`)}
${barChart(other, 'Visitors and signups without one')}
<table><thead><tr><th>${escapeHtml(report.by)}</th><th>landings</th><th>visitors</th><th>signups</th><th>conversion</th><th>cost</th><th>per signup</th><th>self-reported</th></tr></thead>
<tbody>
${tableRows(tracked)}
${tableRows(other)}
</tbody>
<tfoot><tr><th scope="row">total</th><td>${t.landings}</td><td>${t.visitors}</td><td>${t.signups}</td><td>${percent(t.conversion)}</td><td>${escapeHtml(money(t.cost, t.currency))}</td><td>${escapeHtml(money(t.costPerSignup, t.currency))}</td><td>${t.surveyAnswers}</td></tr></tfoot></table>
${dark}${unregistered}
</body></html>
`
}
