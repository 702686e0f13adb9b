// Every input format the report reads, on the same scenario: the rows must come out identical.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CsvReader, ReportBuilder, ReportInputError, parseTime, readEventFile, reportFromFiles, type Report, type ReportEvent } from '../../src/report/index.js'

const fixture = (name: string): string => new URL(`../fixtures/report/${name}`, import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'fp-report-read-'))
const write = (name: string, content: string | Buffer): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const brief = (report: Report): string[] => report.rows.map((r) => `${r.key} ${r.landings}/${r.visitors}/${r.signups}`)

const FORMATS = [
  'store.ndjson',
  'posthog-batch-export.jsonl',
  'posthog-batch-export.jsonl.gz',
  'posthog-events-api.json',
  'posthog-query.json',
  'posthog-events-export.csv',
]

describe('input formats: the same scenario gives the same report', () => {
  it.each(FORMATS)('%s, first touch by creator', async (name) => {
    const report = await reportFromFiles([fixture(name)], { by: 'creator', model: 'first' })
    expect(report.input).toEqual({ files: 1, events: 11, malformed: 0, outOfRange: 0 })
    expect(brief(report)).toEqual(['priya 1/1/1', 'theo 1/1/1', '(direct) 0/1/1', '(email) 1/1/0'])
    expect(report.totals).toMatchObject({ visitors: 4, signups: 3, landings: 3, untrackedSignups: 1, untrackedSignupsNamingSource: 1 })
    expect(report.rows.find((r) => r.key === 'theo')?.selfReported).toBe(1)
  })

  it.each(FORMATS)('%s, last touch by creator and by campaign', async (name) => {
    expect(brief(await reportFromFiles([fixture(name)], { by: 'creator', model: 'last' }))).toEqual([
      'theo 1/1/1',
      'priya 1/1/0',
      '(direct) 0/1/1',
      '(organic_search) 0/1/1',
      '(email) 1/1/0',
    ])
    expect(brief(await reportFromFiles([fixture(name)], { by: 'campaign', model: 'first' }))).toEqual([
      'launch-week 2/2/2',
      'black-friday 1/1/0',
      '(direct) 0/1/1',
    ])
  })

  it('several files at once are one input (visitors across files count once)', async () => {
    const lines = readFileSync(fixture('store.ndjson'), 'utf8').trim().split('\n')
    const a = write('part-a.ndjson', `${lines.slice(0, 5).join('\n')}\n`)
    const b = write('part-b.ndjson.gz', gzipSync(`${lines.slice(5).join('\n')}\n`))
    const report = await reportFromFiles([a, b], { model: 'first' })
    expect(report.input.files).toBe(2)
    expect(brief(report)).toEqual(['priya 1/1/1', 'theo 1/1/1', '(direct) 0/1/1', '(email) 1/1/0'])
  })
})

describe('hostile and broken input', () => {
  const one = (extra: Record<string, unknown> = {}): string =>
    JSON.stringify({
      event: 'signup_completed',
      properties: { distinct_id: 'v1', first_touch_ref: 'theo', first_touch_channel: 'influencer', ...extra },
      receivedAt: '2026-11-02T10:00:00Z',
    })

  it('malformed lines are counted and skipped; the rest is read', async () => {
    const file = write(
      'broken.ndjson',
      [one(), 'not json', '{"event":', '[1,2]', '{"no":"event"}', '{"event":"x"}', '"just a string"', '', '   ', one({ distinct_id: 'v2' })].join('\n'),
    )
    const report = await reportFromFiles([file])
    expect(report.input).toMatchObject({ events: 2, malformed: 6 })
    expect(brief(report)).toEqual(['theo 0/2/2'])
  })

  it('a broken first line does not turn JSON Lines into a failed document', async () => {
    const file = write('first-broken.ndjson', ['{"event": broken', one(), one({ distinct_id: 'v2' })].join('\n'))
    const report = await reportFromFiles([file])
    expect(report.input).toMatchObject({ events: 2, malformed: 1 })
  })

  it('CRLF line ends, a UTF-8 byte order mark, no final newline, non-ASCII text split across chunks', async () => {
    const detail = 'vídeo de Théo — 日本語'.repeat(20000)
    const survey = JSON.stringify({
      event: 'attribution_survey_answered',
      properties: { distinct_id: 'v1', answer: 'youtube', detail },
      receivedAt: '2026-11-02T10:01:00Z',
    })
    const file = write('crlf.ndjson', `\uFEFF${one()}\r\n${survey}\r\n${one({ distinct_id: 'v3' })}`)
    const events: ReportEvent[] = []
    await readEventFile(file, { add: (e) => events.push(e), malformed: () => expect.unreachable() })
    expect(events.map((e) => e.visitor)).toEqual(['v1', 'v1', 'v3'])
    expect(events[1]?.properties.detail).toBe(detail)
  })

  it('empty files and blank files give an empty report', async () => {
    const report = await reportFromFiles([write('empty.ndjson', ''), write('blank.ndjson', '\n\n  \n'), write('empty.csv.gz', gzipSync(''))])
    expect(report.rows).toEqual([])
    expect(report.totals).toMatchObject({ visitors: 0, signups: 0, conversion: null, darkSocialShare: null })
  })

  it('unknown fields and columns are ignored', async () => {
    const csv = write(
      'extra.csv',
      'mystery,*.event,*.distinct_id,*.timestamp,*.properties.first_touch_ref,*.properties.first_touch_channel,zzz\r\n1,signup_completed,v1,2026-11-02 10:00:00,theo,influencer,"a,""b"""\r\n',
    )
    expect(brief(await reportFromFiles([csv]))).toEqual(['theo 0/1/1'])
    const jsonl = write(
      'extra.jsonl',
      JSON.stringify({
        event: 'signup_completed',
        distinct_id: 'v1',
        zzz: { deep: [1] },
        properties: { first_touch_ref: 'theo', first_touch_channel: 'influencer', nested: { a: 1 } },
      }),
    )
    expect(brief(await reportFromFiles([jsonl]))).toEqual(['theo 0/1/1'])
    // Names that mean something to JavaScript objects are plain columns here.
    const proto = write(
      'proto.csv',
      'constructor,__proto__,*.event,*.distinct_id,*.properties.__proto__,*.properties.first_touch_ref,*.properties.first_touch_channel\nx,y,signup_completed,toString,z,theo,influencer\n',
    )
    const events: ReportEvent[] = []
    await readEventFile(proto, { add: (e) => events.push(e), malformed: () => expect.unreachable() })
    expect(events[0]).toMatchObject({ event: 'signup_completed', visitor: 'toString', properties: { first_touch_ref: 'theo' } })
    expect(Object.getPrototypeOf(events[0]?.properties)).toBe(Object.prototype)
    expect(brief(await reportFromFiles([proto]))).toEqual(['theo 0/1/1'])
  })

  it('deeply nested and huge values are malformed lines, not crashes', async () => {
    const deep = `{"event":"x","properties":${'['.repeat(200_000)}`
    const file = write(
      'deep.ndjson',
      [one(), deep, `{"event":"signup_completed","properties":{"distinct_id":"v2","detail":"${'x'.repeat(5_000_000)}"}}`].join('\n'),
    )
    const report = await reportFromFiles([file])
    expect(report.input).toMatchObject({ events: 2, malformed: 1 })
  })

  it('a CSV without an event column, a missing file, a directory and broken gzip are input errors', async () => {
    await expect(reportFromFiles([write('people.csv', 'name,email\r\nJane,j@x.dev\r\n')])).rejects.toThrow(/needs an "event" or "\*\.event" column/)
    await expect(reportFromFiles([join(dir, 'nope.ndjson')])).rejects.toThrow(new ReportInputError(`cannot read ${join(dir, 'nope.ndjson')}: no such file`))
    await expect(reportFromFiles([dir])).rejects.toThrow(/is a directory/)
    await expect(reportFromFiles([write('bad.gz', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]))])).rejects.toThrow(ReportInputError)
  })

  it('rows of a CSV may hold quotes, commas and line breaks in quoted cells', async () => {
    const csv = write(
      'quoted.csv',
      '*.event,*.distinct_id,*.properties.answer,*.properties.detail\n"attribution_survey_answered",v1,other,"Theo, ""the"" one\nfrom YouTube"\n',
    )
    const events: ReportEvent[] = []
    await readEventFile(csv, { add: (e) => events.push(e), malformed: () => expect.unreachable() })
    expect(events).toEqual([
      { event: 'attribution_survey_answered', visitor: 'v1', time: undefined, properties: { answer: 'other', detail: 'Theo, "the" one\nfrom YouTube' } },
    ])
  })
})

describe('CsvReader', () => {
  it('gives the same rows whatever the chunk boundaries', () => {
    const text = 'a,"b ""q"", c",d\r\n"multi\nline",,\n\nlast,row'
    const whole = new CsvReader()
    const expected = [...whole.push(text), ...whole.end()]
    expect(expected).toEqual([
      ['a', 'b "q", c', 'd'],
      ['multi\nline', '', ''],
      ['last', 'row'],
    ])
    for (let size = 1; size < text.length; size++) {
      const reader = new CsvReader()
      const rows: string[][] = []
      for (let i = 0; i < text.length; i += size) rows.push(...reader.push(text.slice(i, i + size)))
      rows.push(...reader.end())
      expect(rows).toEqual(expected)
    }
  })
})

describe('parseTime', () => {
  it('reads ISO 8601, PostHog CSV times (UTC without a zone) and microseconds', () => {
    const at = Date.UTC(2026, 10, 2, 10, 0, 0, 123)
    for (const text of [
      '2026-11-02T10:00:00.123Z',
      '2026-11-02 10:00:00.123456',
      '2026-11-02 10:00:00.123456+00:00',
      '2026-11-02T12:00:00.123+02:00',
      '2026-11-02T10:00:00.123456Z',
    ])
      expect(parseTime(text), text).toBe(at)
    expect(parseTime(at)).toBe(at)
    for (const bad of ['', 'yesterday', '2026-13-45 99:00:00', null, {}, Number.NaN, 'x'.repeat(100)]) expect(parseTime(bad)).toBeUndefined()
  })

  it('events without a readable time are kept without a range and dropped with one', () => {
    const event: ReportEvent = { event: 'signup_completed', visitor: 'v1', time: undefined, properties: {} }
    const all = new ReportBuilder()
    all.add(event)
    expect(all.finish().input).toMatchObject({ events: 1, outOfRange: 0 })
    const ranged = new ReportBuilder({ from: '2026-11-01' })
    ranged.add(event)
    expect(ranged.finish().input).toMatchObject({ events: 0, outOfRange: 1 })
  })
})
