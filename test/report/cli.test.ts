import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/index.js'

const cli = new URL('../../dist/cli.js', import.meta.url).pathname
const fixture = (name: string): string => new URL(`../fixtures/report/${name}`, import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'fp-report-cli-'))
const registry = join(dir, 'firstparty.links.json')
writeFileSync(
  registry,
  JSON.stringify({
    campaigns: [{ id: 'launch-week', name: 'Launch week', medium: 'affiliate', landing: 'https://acme.dev/', end: '2026-11-30' }],
    creators: [
      { id: 'theo', name: 'Theo Browne', platform: 'youtube', channel: 'influencer', code: 'theo', cost: 1200, currency: 'USD' },
      { id: 'priya', name: 'Priya Raman', platform: 'newsletter', channel: 'influencer', code: 'priya', cost: 400, currency: 'USD' },
    ],
  }),
)
type Result = { code: number; stdout: string; stderr: string }
const run = (args: string[], cwd = dir): Promise<Result> =>
  promisify(execFile)(process.execPath, [cli, 'report', ...args], { cwd }).then(
    (r) => ({ code: 0, ...r }),
    (e: Result) => e,
  )

describe('firstparty report', () => {
  it('prints the table, best first, with ./firstparty.links.json picked up; one summary line on stderr', async () => {
    const r = await run([fixture('store.ndjson')])
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('Signups by creator, first touch, all dates')
    expect(lines.slice(3, 5).map((l) => l.split(/\s{2,}/)[0])).toEqual(['priya · Priya Raman', 'theo · Theo Browne'])
    expect(r.stdout).toMatch(/theo · Theo Browne\s+1\s+1\s+1\s+100\.0%\s+1,200 USD\s+1,200 USD\s+1/)
    expect(r.stderr).toBe('firstparty: 11 events from 1 file\n')
  })

  it('JSON of a PostHog export by campaign, last touch, with dates and --output', async () => {
    const out = join(dir, 'out', 'report.json')
    const r = await run([
      fixture('posthog-events-export.csv'),
      '--registry',
      registry,
      '--by',
      'campaign',
      '--model',
      'last',
      '--from',
      '2026-11-03',
      '--to',
      '2026-11-06',
      '--format',
      'json',
      '--output',
      out,
    ])
    expect(r).toMatchObject({ code: 0, stdout: '' })
    expect(r.stderr).toBe(`firstparty: 6 events from 1 file; 5 events outside the dates; report written to ${out}\n`)
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report
    expect(report).toMatchObject({ by: 'campaign', model: 'last', from: '2026-11-03', to: '2026-11-06' })
    expect(report.rows.map((r) => `${r.key} ${r.kind} ${r.visitors}/${r.signups}`)).toEqual([
      'launch-week registered 1/0',
      '(direct) other 1/1',
      '(organic_search) other 1/1',
    ])
  })

  it('csv and html formats', async () => {
    const csv = await run([fixture('posthog-batch-export.jsonl.gz'), '--format', 'csv'])
    expect(csv.stdout.split('\r\n')[1]).toBe('priya,Priya Raman,registered,1,1,1,1,400,USD,400,0')
    const html = await run([fixture('store.ndjson'), '--format', 'html'])
    expect(html.stdout).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*<\/html>\n$/)
  })

  it('malformed lines: counted in one summary line, exit 0, no stack trace', async () => {
    const file = join(dir, 'broken.ndjson')
    writeFileSync(file, `${readFileSync(fixture('store.ndjson'), 'utf8')}garbage\n{"event":\n`)
    const r = await run([file, '--format', 'json'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('firstparty: 11 events from 1 file; 2 malformed lines skipped\n')
    expect((JSON.parse(r.stdout) as Report).input.malformed).toBe(2)
  })

  it('an empty store gives an empty report', async () => {
    const file = join(dir, 'empty.ndjson')
    writeFileSync(file, '')
    const r = await run([file, '--format', 'json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as Report
    expect(report.rows.map((r) => `${r.key} ${r.visitors}`)).toEqual(['priya 0', 'theo 0'])
    expect(report.totals.visitors).toBe(0)
  })

  it.each([
    [['--by', 'week'], 'firstparty: --by must be creator, campaign, channel, got "week"'],
    [['--model', 'linear'], 'firstparty: --model must be first, last, got "linear"'],
    [['--format', 'xlsx'], 'firstparty: --format must be table, json, csv, html, got "xlsx"'],
    [['--from', '2026-11-31'], 'firstparty: --from must be a day YYYY-MM-DD, got "2026-11-31"'],
    [['--from', '2026-12-01', '--to', '2026-11-01'], 'firstparty: --to 2026-11-01 is before --from 2026-12-01'],
    [['--registry', 'missing.json'], 'firstparty: registry not found: missing.json'],
  ])('usage error %j: one line, exit 2', async (args, message) => {
    const r = await run([fixture('store.ndjson'), ...args])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(message)
  })

  it('I/O errors: exit 2 without a stack trace', async () => {
    const missing = await run([join(dir, 'nope.ndjson')])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim()).toBe(`firstparty: cannot read ${join(dir, 'nope.ndjson')}: no such file`)
    const people = join(dir, 'people.csv')
    writeFileSync(people, 'name,email\nJane,j@x.dev\n')
    const wrong = await run([people])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).not.toMatch(/\n\s+at /)
    const noArgs = await run([])
    expect(noArgs.code).toBe(2)
    expect(noArgs.stderr).toContain("missing required argument 'events'")
  })
})
