// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClassifier, type BlockedReport } from '../../src/guard/classify.js'
import { compactCatalog } from '../../src/guard/compact.js'
import { allowEntry, matchUrl, TRACKERS } from '../../src/trackers/index.js'

const guarded = TRACKERS.filter((t) => t.guard !== false)
const data = compactCatalog(TRACKERS)

describe('the in-page classifier agrees with the catalog matcher', () => {
  const c = createClassifier({ dev: false }, data, [])
  const hosts = guarded.flatMap((t) => t.hosts)
  const paths = guarded.flatMap((t) => t.paths).map((p) => p.replace('?', '?x=1&').replace(/=$/, '=v'))

  it('for every catalog host and path, in many spellings', () => {
    const url = fc.oneof(
      fc
        .tuple(fc.constantFrom(...hosts), fc.constantFrom('', 'www.', 'eu.'), fc.constantFrom('/', '/x.js', '/a?b=c'), fc.boolean(), fc.boolean())
        .map(([h, sub, path, upper, dot]) => `https://${sub}${upper ? h.toUpperCase() : h}${dot ? '.' : ''}${path}`),
      fc.tuple(fc.constantFrom('https://shop.example', 'https://sgtm.shop.example', ''), fc.constantFrom(...paths)).map(([o, p]) => `${o}/base${p}`),
      fc.webUrl(),
    )
    fc.assert(
      fc.property(url, (u) => {
        expect(c.verdict(u)).toBe(matchUrl(u, document.baseURI)?.id ?? '')
      }),
      { numRuns: 400 },
    )
  })

  it('allowed hosts win, strict mode blocks other third parties, reports carry no query', () => {
    const blocked: BlockedReport[] = []
    // Entries arrive normalised (guardSnippet and firstparty/guard run them through allowEntry, as buildCsp does).
    const allow = ['*.youtube-nocookie.com', 'https://www.googletagmanager.com/'].map((e) => allowEntry(e) ?? '')
    const strict = createClassifier({ mode: 'strict', allow, dev: false }, data, blocked)
    expect(strict.verdict('https://www.youtube-nocookie.com/embed/x')).toBe('')
    expect(strict.verdict('https://www.googletagmanager.com/gtm.js?id=GTM-X')).toBe('')
    expect(strict.verdict('https://cdn.other.example/x.js')).toBe('cdn.other.example')
    expect(strict.verdict(`${location.origin}/app.js`)).toBe('')
    expect(strict.check('https://connect.facebook.net/en_US/fbevents.js?secret=1#x', 'src')).toBe('meta-pixel')
    expect(blocked).toEqual([{ tracker: 'meta-pixel', vector: 'src', url: 'https://connect.facebook.net/en_US/fbevents.js', time: expect.any(Number) }])
  })

  it('fingerprints inline snippets regardless of whitespace and quotes', () => {
    const c2 = createClassifier({ dev: false }, data, [])
    expect(c2.sniff('fbq( "init" , "1" )', 'inline')).toBe('meta-pixel')
    expect(c2.sniff("gtag('event', 'x')", 'inline')).toBe('')
    expect(c2.sniff('const u = "https://connect.facebook.net/"', 'inline')).toBe('')
  })
})

describe('inline code that carries the guard itself', () => {
  it('is not taken for a tracker snippet (Next.js repeats inline scripts in its RSC payload)', () => {
    const blocked: BlockedReport[] = []
    const c = createClassifier({ dev: false }, data, blocked)
    const snippet = "fbq('init', '123'); fbq('track', 'PageView')"
    expect(c.sniff(snippet, 'text')).toBe('meta-pixel')
    const guardSource = readFileSync('dist/guard.global.js', 'utf8') // vitest runs from the repository root
    const rscPayload = `self.__next_f.push([1, ${JSON.stringify(`<script>${guardSource}</script>`)}])`
    expect(c.sniff(rscPayload, 'parser')).toBe('')
    expect(blocked.map((b) => b.tracker)).toEqual(['meta-pixel'])
  })
})
