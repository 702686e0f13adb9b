import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanText } from '../../../src/audit/static/file.js'
import { decodeAttribute, Parser } from '../../../src/audit/static/parser.js'
import { REFERENCES } from './references.js'

// The scan parses with decodeEntities: false and decodes the attribute values of the tags it reads itself
// (html.ts). Tags, attribute names and offsets must be what htmlparser2's own decoding gives. Values must be
// what the browser reads, and there htmlparser2 is not the oracle: its streaming decoder turns `&notin` just
// before a closing quote into `¬in`, where the tokenizer (Chromium, and decodeAttribute) keeps it as written.
// parser.browser.test.ts checks the values against Chromium.
type Event = [string, string, string[], number]
const events = (html: string, decodeEntities: boolean): Event[] => {
  const out: Event[] = []
  const parser = new Parser(
    {
      onopentag: (name, attribs) => {
        out.push(['open', name, Object.keys(attribs), parser.startIndex])
      },
      onclosetag: (name) => out.push(['close', name, [], parser.startIndex]),
    },
    { decodeEntities, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  return out
}

const REFERENCE = fc.constantFrom(...REFERENCES)
const VALUE = fc.array(fc.oneof(REFERENCE, fc.stringMatching(/^[a-z0-9.:/?=_ -]{0,6}$/)), { maxLength: 6 }).map((parts) => parts.join(''))
const TEXT = fc.array(fc.oneof(REFERENCE, fc.stringMatching(/^[a-z <>\n]{0,8}$/)), { maxLength: 4 }).map((parts) => parts.join(''))
const TAG = fc.record({
  name: fc.constantFrom('img', 'script', 'link', 'meta', 'div', 'a'),
  attributes: fc.array(fc.tuple(fc.constantFrom('src', 'href', 'content', 'data-x', 'rel'), VALUE, fc.constantFrom('"', "'", '')), { maxLength: 3 }),
  text: TEXT,
})
const html = (tags: { name: string; attributes: [string, string, string][]; text: string }[]): string =>
  tags
    .map(({ name, attributes, text }) => {
      const attrs = attributes.map(
        ([n, v, q]) =>
          ` ${n}=${q || (v.match(/^[^\s"'=<>`]+$/) ? '' : '"')}${q ? v.replaceAll(q, '') : v.replaceAll('"', '')}${q || (v.match(/^[^\s"'=<>`]+$/) ? '' : '"')}`,
      )
      return `<${name}${attrs.join('')}>${name === 'script' ? text.replaceAll('<', ' ') : text}${name === 'img' || name === 'meta' || name === 'link' ? '' : `</${name}>`}`
    })
    .join('')

describe('attribute decoding without the parser decoding entities', () => {
  it('gives the tags, attribute names and offsets htmlparser2 gives with decodeEntities: true, for every mix of references', () => {
    fc.assert(
      fc.property(fc.array(TAG, { minLength: 1, maxLength: 5 }), (tags) => {
        const page = html(tags)
        expect(events(page, false)).toEqual(events(page, true))
      }),
      { numRuns: 300 },
    )
  })

  it('keeps a legacy reference that a longer name starts with as written before the closing quote, as the browser does', () => {
    // htmlparser2's decodeEntities: true gives `¬in` here; Chromium gives `&notin` (parser.browser.test.ts).
    expect(decodeAttribute('&notin')).toBe('&notin')
    // entities' decodeHTMLAttribute gives `¬in&` and `¬in.` for these two.
    expect(decodeAttribute('&notin&')).toBe('&notin&')
    expect(decodeAttribute('a=&notin.b&amp;c')).toBe('a=&notin.b&c')
    expect(decodeAttribute('&not')).toBe('¬')
    expect(decodeAttribute('&notin;')).toBe('∉')
  })

  it('still finds a tracker whose URL is spelt with character references, at the right place', () => {
    const page = '<p>a &amp; b</p>\n<script async src="https://www&#46;googletagmanager&#x2E;com/gtag/js?id=G-ABC123&amp;l=dataLayer"></script>'
    const findings = scanText(page, 'index.html', 'html', [])
    expect(findings.map((f) => [f.rule, f.subject.id, f.evidence.line, f.evidence.column])).toEqual([['tracker-resource', 'ga4', 2, 1]])
    expect(findings[0]?.evidence.match).toBe('https://www.googletagmanager.com/gtag/js?id=G-ABC123&l=dataLayer')
  })
})
