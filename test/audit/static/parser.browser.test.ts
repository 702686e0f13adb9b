import fc from 'fast-check'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAttribute, Parser } from '../../../src/audit/static/parser.js'
import { launchChromium } from '../../helpers/chromium.js'
import { REFERENCES } from './references.js'

// The scan reads attribute values with decodeEntities: false and decodes them with decodeAttribute. What a
// value means is what the browser reads, so Chromium's parser is the oracle here, not htmlparser2's own
// decoding (which differs on `&notin` before a closing quote).
let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

const QUOTES = ['"', "'", ''] as const
/** Each value in each quoting it can be written in, as one `<img>` per value. */
const markup = (values: string[]): string =>
  values.flatMap((value) => QUOTES.filter((q) => (q ? !value.includes(q) : /^[^\s"'=<>`]+$/.test(value))).map((q) => `<img src=${q}${value}${q}>`)).join('\n')

const scanned = (html: string): string[] => {
  const out: string[] = []
  const parser = new Parser({ onopentag: (_name, attribs) => out.push(decodeAttribute(attribs.src ?? '')) }, { decodeEntities: false })
  parser.write(html)
  parser.end()
  return out
}

const inChromium = async (html: string): Promise<string[]> => {
  const page = await browser.newPage()
  try {
    return await page.evaluate(
      (source) => [...new DOMParser().parseFromString(source, 'text/html').querySelectorAll('img')].map((img) => img.getAttribute('src') ?? ''),
      html,
    )
  } finally {
    await page.close()
  }
}

describe('attribute values as Chromium reads them', { timeout: 60_000 }, () => {
  it('decodes every pair of references and neighbours, in every quoting, as Chromium does', async () => {
    const parts = [...REFERENCES, '', 'n', 'x', '1', '=', ';', '/', '&notin', '&lti', '&Aacute', '&AMP', '&#x', '&#9', ' ']
    const values = parts.flatMap((a) => parts.map((b) => a + b))
    const html = markup(values)
    const expected = await inChromium(html)
    expect(expected.length).toBeGreaterThan(values.length * 2)
    expect(scanned(html)).toEqual(expected)
  })

  it('decodes random mixes of references and URL text as Chromium does', async () => {
    const value = fc
      .array(fc.oneof(fc.constantFrom(...REFERENCES), fc.stringMatching(/^[a-z0-9.:/?=_ -]{0,6}$/)), { maxLength: 6 })
      .map((parts) => parts.join(''))
    const html = markup(fc.sample(value, { numRuns: 2000, seed: 15 }))
    expect(scanned(html)).toEqual(await inChromium(html))
  })
})
