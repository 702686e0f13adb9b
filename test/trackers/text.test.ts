import { describe, expect, it } from 'vitest'
import { findSnippets, findTrackerIds } from '../../src/trackers/index.js'

const GTAG = `<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC1234567"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag("config", "G-ABC1234567");
</script>`

const PIXEL = `!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){};}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '123456789012345');`

describe('findSnippets', () => {
  it('finds fingerprints regardless of whitespace and quote style, with offsets into the original', () => {
    const hits = findSnippets(GTAG)
    expect(hits.map((h) => h.tracker.id)).toEqual(['ga4', 'ga4'])
    const config = hits.find((h) => h.fingerprint.startsWith('gtag'))
    expect(GTAG.slice(config?.index ?? -1).startsWith('gtag("config"')).toBe(true)
    expect(findSnippets(PIXEL).map((h) => h.tracker.id)).toEqual(['meta-pixel', 'meta-pixel'])
  })

  it('finds nothing in ordinary code', () => {
    expect(findSnippets('document.querySelector("#cta").addEventListener("click", () => track("cta"))')).toEqual([])
  })
})

describe('findTrackerIds', () => {
  it('finds ids in context', () => {
    const text = `${GTAG + PIXEL}<script src="https://www.googletagmanager.com/gtm.js?id=GTM-K9X2ZQ"></script> ga('create', 'UA-12345-6'); gtag('config','AW-987654321')`
    const ids = findTrackerIds(text)
    const pairs = ids.map((m) => `${m.tracker.id}:${m.id}`)
    expect(pairs).toContain('ga4:G-ABC1234567')
    expect(pairs).toContain('meta-pixel:123456789012345')
    expect(pairs).toContain('gtm:GTM-K9X2ZQ')
    expect(pairs).toContain('universal-analytics:UA-12345-6')
    expect(pairs).toContain('google-ads:AW-987654321')
    for (const m of ids) expect(text.slice(m.index, m.index + m.id.length)).toBe(m.id)
  })

  it('ignores ids in prose or inside other words', () => {
    expect(findTrackerIds('The G-SHOCKWATCH is great, UA-1 too; XG-ABCDEFGH')).toEqual([])
  })
})

describe('id pattern prefilter', () => {
  it('takes the literal every match must contain, never more', async () => {
    const { requiredLiteral } = await import('../../src/trackers/text.js')
    expect(requiredLiteral(`(?:^|['"=/])(G-[A-Z0-9]{6,12})(?=$|['"&/])`)).toBe('G-')
    expect(requiredLiteral('facebook\\.com/tr/?\\?id=(\\d{10,20})')).toBe('facebook.com/tr')
    expect(requiredLiteral('\\bti:\\s*([0-9]+)')).toBe('ti:')
    expect(requiredLiteral('amplitude(?:\\.getInstance\\(\\))?\\.init\\(')).toBe('amplitude')
    expect(requiredLiteral(`['"]token['"]`)).toBe('')
    // Every catalog id still matches its own examples through the prefilter (findTrackerIds applies it).
    const { findTrackerIds } = await import('../../src/trackers/index.js')
    expect(findTrackerIds(`gtag('config','G-ABC1234567'); fbq('init', '123456789012345'); ym(12345678, "init")`).map((m) => m.id)).toEqual([
      'G-ABC1234567',
      '123456789012345',
      '12345678',
    ])
  })
})
