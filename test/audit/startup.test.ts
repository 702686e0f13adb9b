import { Parser as EntryParser } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import { PARSER_FROM, Parser } from '../../src/audit/static/parser.js'

// The HTML scanner loads htmlparser2's Parser module alone (the package entry also loads a DOM library the audit
// never uses). If a release moves the module, the entry is the fallback: this test says so instead of the
// start-up quietly getting slower.
describe('HTML parser loading', () => {
  it("loads htmlparser2's Parser module, not the package entry", () => {
    expect(PARSER_FROM).toBe('parser module')
  })

  it('parses like the package entry: same tags, attributes, text and offsets', () => {
    const html = '<!doctype html><p class=a>x &amp; y<script>if (a < b) c()</script><img src="/i.webp" alt=\'&quot;\'><svg><path d="M0"/></svg>'
    const events = (P: typeof EntryParser): unknown[] => {
      const out: unknown[] = []
      const parser: InstanceType<typeof EntryParser> = new P(
        {
          onopentag: (name, attribs) => out.push(['open', name, attribs, parser.startIndex]),
          ontext: (text) => out.push(['text', text]),
          onclosetag: (name) => out.push(['close', name, parser.startIndex]),
        },
        { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
      )
      parser.write(html)
      parser.end()
      return out
    }
    const expected = events(EntryParser)
    expect(expected.length).toBeGreaterThan(8)
    expect(events(Parser)).toEqual(expected)
  })
})
