import { describe, expect, it } from 'vitest'
import { csvCell } from '../../src/links/formats.js'
import {
  CSV_COLUMNS,
  ReportBuilder,
  registryLookup,
  toReportCsv,
  toReportHtml,
  toReportJson,
  toTable,
  type Report,
  type ReportEvent,
} from '../../src/report/index.js'

const hostile = '=HYPERLINK("http://evil.example","x")<script>alert(1)</script>\u202e'
const registry = registryLookup({
  campaigns: [],
  creators: [
    { id: 'theo', name: 'Theo "T" Browne, <b>', platform: 'youtube', channel: 'influencer', code: 'theo', cost: 1500.5, currency: 'USD' },
    { id: 'evil', name: hostile, platform: 'x', channel: 'influencer', code: 'evil' },
  ],
})
const event = (visitor: string, name: string, ref: string | null, channel = 'influencer', extra: Record<string, unknown> = {}): ReportEvent => ({
  event: name,
  visitor,
  time: Date.UTC(2026, 10, 2),
  properties: { first_touch_ref: ref, first_touch_channel: channel, ...extra },
})
function sample(): Report {
  const builder = new ReportBuilder({ by: 'creator', model: 'first', from: '2026-11-01', to: '2026-11-30' }, registry)
  for (const e of [
    event('a', 'referral_landed', 'theo', 'influencer', { ref: 'theo', channel: 'influencer' }),
    event('a', 'signup_completed', 'theo'),
    event('b', 'referral_landed', 'theo', 'influencer', { ref: 'theo', channel: 'influencer' }),
    event('c', 'referral_landed', '-2+3', 'influencer', { ref: '-2+3', channel: 'influencer' }),
    event('d', 'signup_completed', null, 'direct'),
    event('d', 'attribution_survey_answered', null, 'direct', { answer: 'other', detail: 'theo on youtube' }),
  ])
    builder.add(e)
  return builder.finish()
}

describe('report formats', () => {
  it('table: aligned columns, best first, other rows apart, totals, unregistered codes, dark social', () => {
    const table = toTable(sample())
    const lines = table.split('\n')
    expect(lines[0]).toBe('Signups by creator, first touch, 2026-11-01 – 2026-11-30')
    const head = lines[2] as string
    expect(head).toMatch(/^\s+landings {2}visitors {2}signups {2}conversion\s+cost\s+per signup {2}self-reported$/)
    const row = (key: string): string => lines.find((l) => l.startsWith(key)) as string
    expect(row('theo')).toMatch(/^theo · Theo "T" Browne, <b>\s+2\s+2\s+1\s+50\.0%\s+1,500\.50 USD\s+1,500\.50 USD\s+1$/)
    // Every data line ends where the header ends: right-aligned numbers.
    for (const key of ['theo', '-2+3', 'evil', '(direct)', 'total']) expect(row(key).length).toBe(head.length)
    expect(lines.indexOf(row('theo'))).toBeLessThan(lines.indexOf(row('-2+3')))
    expect(lines[lines.indexOf(row('(direct)')) - 1]).toBe('')
    expect(table).toContain('Unregistered codes (in events, not in the registry): -2+3')
    expect(table).toContain('Dark social: 1 of 1 signups tracked as direct or unknown named a source in the survey (100.0%).')
    // Control and bidi characters from a name cannot reach the terminal.
    expect(table).not.toMatch(/[\u202e\u0000-\u0009\u000b-\u001f]/)
  })

  it('JSON: the documented shape, null where a value does not apply', () => {
    const json = JSON.parse(toReportJson(sample())) as Report
    expect(Object.keys(json)).toEqual(['by', 'model', 'from', 'to', 'rows', 'totals', 'unregistered', 'input'])
    expect(json.rows[0]).toEqual({
      key: 'theo',
      name: 'Theo "T" Browne, <b>',
      kind: 'registered',
      landings: 2,
      visitors: 2,
      signups: 1,
      conversion: 0.5,
      cost: 1500.5,
      currency: 'USD',
      costPerSignup: 1500.5,
      selfReported: 1,
    })
    expect(json.rows.find((r) => r.key === 'evil')).toMatchObject({ visitors: 0, conversion: null, cost: null, costPerSignup: null, currency: null })
    for (const row of json.rows)
      expect(Object.keys(row)).toEqual([
        'key',
        'name',
        'kind',
        'landings',
        'visitors',
        'signups',
        'conversion',
        'cost',
        'currency',
        'costPerSignup',
        'selfReported',
      ])
  })

  it('CSV: the JSON columns, CRLF, quoting and formula escaping of links build', () => {
    const csv = toReportCsv(sample())
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(CSV_COLUMNS.join(','))
    expect(lines.at(-1)).toBe('')
    expect(csv).toContain(`theo,"Theo ""T"" Browne, <b>",registered,2,2,1,0.5,1500.5,USD,1500.5,1\r\n`)
    expect(csv).toContain(`'-2+3,,unregistered,1,1,0,0,,,,0\r\n`)
    expect(csv).toContain(`evil,${csvCell(hostile)},registered,`)
    expect(csvCell(hostile).startsWith(`"'=HYPERLINK`)).toBe(true)
  })

  it('HTML: one self-contained page, SVG bars, no script, every value escaped', () => {
    const html = toReportHtml(sample())
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//i)
    expect(html).not.toMatch(/@import|url\(/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Theo &quot;T&quot; Browne, &lt;b&gt;')
    const svg = html.match(/<svg[\s\S]*?<\/svg>/g) ?? []
    expect(svg.length).toBe(2)
    // One bar per row: theo has 2 visitors (the longest bar), -2+3 one, evil none.
    const widths = [...(svg[0] as string).matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)" height="22"/g)].map((m) => Number(m[1]))
    expect(widths).toHaveLength(3)
    expect(widths[0]).toBeCloseTo((widths[1] as number) * 2)
    expect(widths[2]).toBe(0)
    expect(html).not.toContain('http-equiv="refresh"')
    expect(toReportHtml(sample(), { refreshSeconds: 5 })).toContain('<meta http-equiv="refresh" content="5">')
  })

  it('an empty report renders in every format', () => {
    const empty = new ReportBuilder().finish()
    expect(toTable(empty)).toContain('total')
    expect(toReportCsv(empty)).toBe(`${CSV_COLUMNS.join(',')}\r\n`)
    expect(toReportHtml(empty)).toContain('No events in this range.')
    expect(JSON.parse(toReportJson(empty)).rows).toEqual([])
  })
})
