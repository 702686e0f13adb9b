import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildLinks, csvCell, toCsv, toJson, toMarkdown, type Registry } from '../../src/links/index.js'

const registry = JSON.parse(readFileSync(new URL('../fixtures/links/valid.json', import.meta.url), 'utf8')) as Registry
const links = buildLinks(registry)

/** Minimal RFC 4180 reader, to prove the writer's output parses back to the same cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(cell), (cell = '')
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++
    else cell += c
  }
  return rows
}

describe('csv', () => {
  it('escapes cells a spreadsheet would run as formulas', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(v).replace(/^"/, '')).toMatch(/^'/)
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
  })

  it('writes a header and one row per link that read back to the same values', () => {
    const rows = readCsv(toCsv(links))
    expect(rows[0]).toEqual(['creator', 'name', 'platform', 'channel', 'code', 'campaign', 'url'])
    expect(rows).toHaveLength(links.length + 1)
    const eve = rows.find((r) => r[0] === 'eve')
    expect(eve?.[1]).toBe(`'=HYPERLINK("http://x")`)
    expect(rows.slice(1).map((r) => r[6])).toEqual(links.map((l) => l.url))
  })

  it('adds a qr column only when links have QR files', () => {
    expect(readCsv(toCsv([{ ...links[0]!, qr: 'qr/a.svg' }]))[0]).toContain('qr')
  })
})

describe('json and markdown', () => {
  it('JSON is the links, verbatim', () => {
    expect(JSON.parse(toJson(links))).toEqual(links)
  })

  it('Markdown is one table row per link; a pipe in a name cannot break the table', () => {
    const md = toMarkdown(links).trimEnd().split('\n')
    expect(md).toHaveLength(links.length + 2)
    expect(md[1]).toBe('| --- | --- | --- | --- | --- |')
    const jo = md.find((l) => l.includes('Jo'))
    expect(jo).toContain('Jo \\| Dev')
    // Unescaped pipes delimit exactly 5 cells on every row.
    for (const line of md) expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(7)
    expect(md[2]).toContain(`<${links[0]!.url}>`)
  })
})
