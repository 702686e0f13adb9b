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
    const text = GTAG + PIXEL + `<script src="https://www.googletagmanager.com/gtm.js?id=GTM-K9X2ZQ"></script> ga('create', 'UA-12345-6'); gtag('config','AW-987654321')`
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
