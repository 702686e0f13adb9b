import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanText } from '../../../src/audit/static/file.js'
import { decodeAttribute, Parser } from '../../../src/audit/static/parser.js'

// The scan parses with decodeEntities: false and decodes the attribute values of the tags it reads itself
// (html.ts): that must give what htmlparser2's own decoding gives, values and offsets alike.
type Event = [string, string, Record<string, string>, number]
const events = (html: string, decodeEntities: boolean): Event[] => {
  const out: Event[] = []
  const parser = new Parser(
    {
      onopentag: (name, attribs) => {
        const values = decodeEntities ? attribs : Object.fromEntries(Object.entries(attribs).map(([k, v]) => [k, decodeAttribute(v)]))
        out.push(['open', name, values, parser.startIndex])
      },
      onclosetag: (name) => out.push(['close', name, {}, parser.startIndex]),
    },
    { decodeEntities, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  return out
}

// Character references as pages write them, legal and not: named, legacy without `;`, numeric, out of range, bare `&`.
const REFERENCE = fc.constantFrom(
  '&amp;',
  '&amp',
  '&lt;',
  '&quot;',
  '&#46;',
  '&#x2e;',
  '&#X2F;',
  '&#0;',
  '&#x110000;',
  '&copy',
  '&copy=',
  '&notin;',
  '&noti',
  '&',
  '&#',
  '&;',
)
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
  it('gives the values and offsets htmlparser2 gives with decodeEntities: true, for every mix of references', () => {
    fc.assert(
      fc.property(fc.array(TAG, { minLength: 1, maxLength: 5 }), (tags) => {
        const page = html(tags)
        expect(events(page, false)).toEqual(events(page, true))
      }),
      { numRuns: 300 },
    )
  })

  it('still finds a tracker whose URL is spelt with character references, at the right place', () => {
    const page = '<p>a &amp; b</p>\n<script async src="https://www&#46;googletagmanager&#x2E;com/gtag/js?id=G-ABC123&amp;l=dataLayer"></script>'
    const findings = scanText(page, 'index.html', 'html', [])
    expect(findings.map((f) => [f.rule, f.subject.id, f.evidence.line, f.evidence.column])).toEqual([['tracker-resource', 'ga4', 2, 1]])
    expect(findings[0]?.evidence.match).toBe('https://www.googletagmanager.com/gtag/js?id=G-ABC123&l=dataLayer')
  })
})
