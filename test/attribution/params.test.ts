// The parameter module against posthog-js itself, and every consumer against the module.
import { describe, expect, it } from 'vitest'
import { ATTRIBUTION_PARAMS, CLICK_ID_PARAMS, POSTHOG_CAMPAIGN_PARAMS, REF_PARAMS, TRACKING_ID_PARAMS, UTM_PARAMS } from '../../src/attribution/params.js'
import { cleanAddressBar } from '../../src/attribution/run.js'
import { parseTouch } from '../../src/attribution/touch.js'
import { tagLink } from '../../src/links/tag.js'

// posthog-js's own lists, from the installed package (the file that defines them; it ships no types for it).
const source = '../../node_modules/@posthog/browser-common/dist/utils/event-utils.mjs'
const { CAMPAIGN_PARAMS, PERSONAL_DATA_CAMPAIGN_PARAMS } = (await import(source)) as { CAMPAIGN_PARAMS: string[]; PERSONAL_DATA_CAMPAIGN_PARAMS: string[] }

describe('the parameter lists cover what PostHog recognises', () => {
  it('POSTHOG_CAMPAIGN_PARAMS is exactly posthog-js CAMPAIGN_PARAMS (installed version)', () => {
    expect([...POSTHOG_CAMPAIGN_PARAMS]).toEqual([...CAMPAIGN_PARAMS])
  })

  it('every posthog-js campaign and personal-data parameter is an attribution parameter', () => {
    for (const name of [...CAMPAIGN_PARAMS, ...PERSONAL_DATA_CAMPAIGN_PARAMS]) expect(ATTRIBUTION_PARAMS).toContain(name)
  })

  it('every posthog-js personal-data id is a click id or a tracking id, never a kept value', () => {
    for (const name of PERSONAL_DATA_CAMPAIGN_PARAMS) {
      expect(Object.hasOwn(CLICK_ID_PARAMS, name) || (TRACKING_ID_PARAMS as readonly string[]).includes(name)).toBe(true)
    }
  })

  it('has no duplicates, all lowercase', () => {
    expect(new Set(ATTRIBUTION_PARAMS).size).toBe(ATTRIBUTION_PARAMS.length)
    for (const n of ATTRIBUTION_PARAMS) expect(n).toBe(n.toLowerCase())
    expect(ATTRIBUTION_PARAMS.length).toBe(UTM_PARAMS.length + REF_PARAMS.length + Object.keys(CLICK_ID_PARAMS).length + TRACKING_ID_PARAMS.length)
  })
})

describe('every consumer uses the one list', () => {
  const everything = ATTRIBUTION_PARAMS.map((n) => `${n}=x1`).join('&')

  it('the link builder strips every attribution parameter from the base', () => {
    const url = new URL(
      tagLink({
        base: `https://acme.dev/?keep=1&${everything}`,
        creator: { id: 'theo', platform: 'youtube', code: 'theo' },
        campaign: { id: 'launch', medium: 'affiliate' },
      }),
    )
    for (const name of [...Object.keys(CLICK_ID_PARAMS), ...TRACKING_ID_PARAMS]) expect(url.searchParams.has(name)).toBe(false)
    expect(url.searchParams.get('keep')).toBe('1')
    expect(url.searchParams.get('ref')).toBe('theo')
  })

  it('cleanUrl removes every attribution parameter from the address bar, and nothing else', () => {
    expect(cleanAddressBar(`https://acme.dev/p?keep=1&${everything}#h`)).toBe('/p?keep=1#h')
  })

  it('the parser reads the new click ids as paid clicks of their network, tracking ids as nothing', () => {
    expect(parseTouch('https://acme.dev/?gad_source=1').clickIds).toEqual(['google'])
    expect(parseTouch('https://acme.dev/?gclsrc=aw.ds').channel).toBe('paid_search')
    expect(parseTouch('https://acme.dev/?qclid=abc')).toMatchObject({ clickIds: ['quora'], channel: 'paid_social', paid: true })
    expect(parseTouch('https://acme.dev/?oppref=gAAAAAb123')).toMatchObject({ clickIds: ['openai'], channel: 'paid_search' })
    for (const name of TRACKING_ID_PARAMS) expect(parseTouch(`https://acme.dev/?${name}=abc`)).toMatchObject({ clickIds: [], paid: false, channel: 'direct' })
  })
})
