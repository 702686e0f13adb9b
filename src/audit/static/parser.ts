// htmlparser2's Parser, without the rest of the package. Its entry also loads domhandler, domutils and
// dom-serializer (a DOM the audit never builds): 50 ms of every CLI start and of every audit worker's, three
// times what the Parser module costs. The package exports no entry for the Parser alone, so the Parser module
// is required from next to the entry; if a release ever moves it, the entry is the fallback.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Parser as HtmlParser } from 'htmlparser2'

const require = createRequire(import.meta.url)

function load(): { Parser: typeof HtmlParser; from: 'parser module' | 'package entry' } {
  try {
    const module = require(join(dirname(require.resolve('htmlparser2')), 'Parser.js')) as { Parser?: typeof HtmlParser }
    if (typeof module.Parser === 'function') return { Parser: module.Parser, from: 'parser module' }
  } catch {
    // Fall through to the package entry.
  }
  return { Parser: (require('htmlparser2') as { Parser: typeof HtmlParser }).Parser, from: 'package entry' }
}

const loaded = load()

/** htmlparser2's streaming Parser class. */
export const Parser = loaded.Parser
/** Where {@link Parser} came from: a test keeps the fast path from silently becoming the fallback. */
export const PARSER_FROM = loaded.from

const entities = require('entities/decode') as typeof import('entities/decode')

// entities' own attribute mode (decodeHTMLAttribute, and htmlparser2's decodeEntities: true) tests the
// character after the longest name it walked, not after the name it matched: `&notin&` walks to `notin`, matches
// the legacy `not` and decodes it, though the next character after `not` is `i`. So the decoder runs in text
// (legacy) mode, which reports how much it matched, and the attribute rule is applied here.
let decoded = ''
const decoder = new entities.EntityDecoder(entities.htmlDecodeTree, (codePoint) => {
  decoded += entities.fromCodePoint(codePoint)
})
const KEEPS_LEGACY = /[\dA-Za-z=]/

/**
 * Character references in an attribute value, decoded as the HTML tokenizer does in attribute values (a legacy
 * reference without `;` stays as written before `=` or an alphanumeric). The scan parses with
 * `decodeEntities: false`, a quarter faster over a page (text is skipped to the next `<`, not read for `&`),
 * and decodes only the attribute values of the tags it reads. Checked against Chromium's parser.
 *
 * @example decodeAttribute('https://x.test/?a=1&amp;b=2') // 'https://x.test/?a=1&b=2'
 */
export function decodeAttribute(value: string): string {
  let out = ''
  let copied = 0
  for (let at = value.indexOf('&'); at >= 0; at = value.indexOf('&', at + 1)) {
    decoded = ''
    decoder.startEntity(entities.DecodingMode.Legacy)
    const written = decoder.write(value, at + 1)
    // The length counts the `&`; -1 means the value ended inside a name or number.
    const length = written < 0 ? decoder.end() : written
    if (length === 0) continue
    const end = at + length
    const legacyKept = value[at + 1] !== '#' && value[end - 1] !== ';' && KEEPS_LEGACY.test(value[end] ?? '')
    if (!legacyKept) {
      out += value.slice(copied, at) + decoded
      copied = end
    }
    at = end - 1
  }
  return copied === 0 ? value : out + value.slice(copied)
}
