// @vitest-environment happy-dom
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { LANDING_KEY, MAX_REFERRER, MAX_URL, captureLanding, clearLandings, readLandings } from '../../src/attribution/landing.js'
import { maskUrl } from '../../src/posthog/privacy.js'

const mask = (url: string): string => maskUrl(url, ['gclid'])
const here = (): string => location.href

beforeEach(() => {
  clearLandings(false)
  document.cookie = `${LANDING_KEY}=; path=/; max-age=0`
  history.replaceState(null, '', '/')
})

describe('captureLanding', () => {
  it('keeps a landing with a query string, masked, with its referrer and time', () => {
    history.replaceState(null, '', '/?ref=theo&gclid=abc&email=jane%40example.com')
    const before = Date.now()
    const [landing] = captureLanding(here(), 'https://youtube.com/watch?v=1', mask)
    expect(landing).toMatchObject({ u: `${location.origin}/?ref=theo&gclid=<masked>&email=<masked>`, r: 'https://youtube.com/watch?v=1' })
    expect(landing!.t).toBeGreaterThanOrEqual(before)
    expect(readLandings()).toEqual([landing])
    expect(document.cookie).not.toContain('abc')
  })

  it('keeps a landing from another host, not a page reached by an internal link', () => {
    history.replaceState(null, '', '/pricing')
    expect(captureLanding(here(), `${location.origin}/`, mask)).toEqual([])
    expect(captureLanding(here(), '', mask)).toEqual([])
    expect(captureLanding(here(), 'https://news.ycombinator.com/', mask)).toHaveLength(1)
  })

  it('a reload keeps the first entry; later landings keep the oldest and the newest', () => {
    history.replaceState(null, '', '/?ref=a')
    const first = captureLanding(here(), '', mask)
    expect(captureLanding(here(), '', mask)).toEqual(first)
    history.replaceState(null, '', '/?ref=b')
    captureLanding(here(), '', mask)
    history.replaceState(null, '', '/?ref=c')
    expect(captureLanding(here(), '', mask).map((l) => l.u.split('=')[1])).toEqual(['a', 'c'])
  })

  it('is bounded: long URLs and referrers are cut', () => {
    history.replaceState(null, '', `/?utm_source=${'x'.repeat(5000)}`)
    const [landing] = captureLanding(here(), `https://a.example/${'y'.repeat(5000)}`, mask)
    expect(landing!.u).toHaveLength(MAX_URL)
    expect(landing!.r).toHaveLength(MAX_REFERRER)
  })

  it('clearLandings forgets them', () => {
    history.replaceState(null, '', '/?ref=a')
    captureLanding(here(), '', mask)
    clearLandings()
    expect(readLandings()).toEqual([])
  })
})

describe('readLandings on hostile cookies', () => {
  it.each([
    ['not json', '%7Bnope'],
    ['an object', encodeURIComponent('{"u":"x"}')],
    ['wrong types', encodeURIComponent('[{"u":1,"r":"","t":1},{"u":"a","r":null,"t":1},{"u":"a","r":"","t":"1"}]')],
    ['null entries', encodeURIComponent('[null]')],
    ['bad escapes', '%E0%A4%A'],
  ])('%s: no landing, no throw', (_name, value) => {
    document.cookie = `${LANDING_KEY}=${value}; path=/`
    expect(readLandings()).toEqual([])
  })

  it('never throws and never keeps more than two, whatever the page and referrer', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.oneof(fc.constant(''), fc.webUrl(), fc.string()), (url, referrer) => {
        const list = captureLanding(url, referrer, mask, false)
        expect(list.length).toBeLessThanOrEqual(2)
        for (const l of list) expect(l.u.length <= MAX_URL && l.r.length <= MAX_REFERRER).toBe(true)
      }),
      { numRuns: 30 },
    )
  }, 60_000)
})
