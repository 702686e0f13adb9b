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

/**
 * Character references in an attribute value, decoded as the HTML tokenizer does in attribute values (legacy
 * references without `;` stay as written before `=` or an alphanumeric). The scan parses with
 * `decodeEntities: false`, a quarter faster over a page (text is skipped to the next `<`, not read for `&`),
 * and decodes only the attribute values of the tags it reads. The CommonJS copy: the one the Parser loads.
 *
 * @example decodeAttribute('https://x.test/?a=1&amp;b=2') // 'https://x.test/?a=1&b=2'
 */
export const decodeAttribute = (require('entities/decode') as typeof import('entities/decode')).decodeHTMLAttribute
