// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseTouch, type Touch } from '../../src/attribution/index.js'
import { STORE_KEY, createStore, isPlainDirect, nextTouches, reviveTouch } from '../../src/attribution/store.js'
import { domainCandidates, registrableDomain } from '../../src/attribution/domain.js'
import { cleanAddressBar } from '../../src/attribution/run.js'

const DAY = 86_400_000
const clearCookies = (): void => {
  for (const c of document.cookie.split('; ')) {
    const name = c.split('=')[0]
    // An expiry in the past, not max-age=0: happy-dom keeps a max-age=0 cookie until the clock ticks.
    if (name) document.cookie = `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`
  }
}

beforeEach(() => {
  clearCookies()
  localStorage.clear()
})
afterEach(() => clearCookies())

const landing = (query: string, referrer?: string, at = Date.now()): Touch => ({ ...parseTouch(`https://acme.dev/${query}`, referrer), timestamp: at })

describe('nextTouches', () => {
  const theo = landing('?ref=theo&utm_source=newsletter')
  const hn = landing('', 'https://news.ycombinator.com/')
  const direct = landing('')

  it('sets first and last on the first visit', () => {
    expect(nextTouches({}, theo)).toEqual({ first: theo, last: theo })
  })
  it('keeps first touch, moves last touch on a new source', () => {
    expect(nextTouches({ first: theo, last: theo }, hn)).toEqual({ first: theo, last: hn })
  })
  it('never lets a plain direct visit overwrite the last touch', () => {
    expect(nextTouches({ first: theo, last: hn }, direct)).toEqual({ first: theo, last: hn })
  })
  it('records a direct first visit when nothing is stored', () => {
    expect(nextTouches({}, direct)).toEqual({ first: direct, last: direct })
    expect(isPlainDirect(direct)).toBe(true)
    expect(isPlainDirect(hn)).toBe(false)
  })
})

describe('createStore', () => {
  it('round-trips through a first-party cookie', () => {
    const store = createStore()
    const t = landing('?ref=theo&utm_campaign=launch')
    store.write({ first: t, last: t })
    expect(document.cookie).toContain(`${STORE_KEY}=`)
    expect(localStorage.getItem(STORE_KEY)).toBeNull()
    expect(store.read()).toEqual({ first: t, last: t })
  })

  it('falls back to localStorage when the value is too big for a cookie', () => {
    const t = landing('?ref=theo')
    // 9 UTM values × 100 chars of CJK: ~8 KB once percent-encoded, twice (first and last).
    for (const k of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id'] as const) t.utm[k] = '春'.repeat(100)
    const store = createStore()
    store.write({ first: t, last: t })
    expect(document.cookie).not.toContain(`${STORE_KEY}=`)
    expect(localStorage.getItem(STORE_KEY)).not.toBeNull()
    expect(store.read().first?.utm.utm_term).toBe('春'.repeat(100))
  })

  it('reads localStorage when the cookie is gone', () => {
    const t = landing('?ref=theo')
    localStorage.setItem(STORE_KEY, JSON.stringify({ first: t, last: t }))
    expect(createStore().read().first?.ref).toBe('theo')
  })

  it('drops touches older than the TTL', () => {
    let now = Date.now()
    const store = createStore({ ttlDays: 30, now: () => now })
    const old = landing('?ref=theo', undefined, now)
    const recent = landing('', 'https://news.ycombinator.com/', now + 20 * DAY)
    store.write({ first: old, last: recent })
    now += 31 * DAY
    expect(store.read()).toEqual({ last: recent })
    now += 60 * DAY
    expect(store.read()).toEqual({})
  })

  it('defaults the TTL to 90 days', () => {
    let now = Date.now()
    const store = createStore({ now: () => now })
    const t = landing('?ref=theo', undefined, now)
    store.write({ first: t, last: t })
    now += 89 * DAY
    expect(store.read().first?.ref).toBe('theo')
    now += 2 * DAY
    expect(store.read()).toEqual({})
  })

  it('survives corrupted cookies and storage', () => {
    document.cookie = `${STORE_KEY}=%E0%A4%A; path=/`
    localStorage.setItem(STORE_KEY, '{not json')
    expect(createStore().read()).toEqual({})
    document.cookie = `${STORE_KEY}=${encodeURIComponent(JSON.stringify({ first: { channel: 'evil', timestamp: 1 } }))}; path=/`
    expect(createStore().read()).toEqual({})
  })

  it('re-cleans stored values: a tampered cookie cannot inject personal data', () => {
    const forged = {
      channel: 'influencer',
      timestamp: Date.now(),
      utm: { utm_source: 'jane@example.com', bogus: 'x' },
      ref: 'theo',
      clickIds: ['google', 'nope'],
      landingPath: 'javascript:1',
    }
    const t = reviveTouch(forged)
    expect(t).toMatchObject({ ref: 'theo', utm: {}, clickIds: ['google'], landingPath: '/' })
  })

  it('works when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
      removeItem: () => {
        throw new Error('denied')
      },
    } as unknown as Storage
    const store = createStore({}, document, broken)
    const t = landing('?ref=theo')
    expect(() => store.write({ first: t, last: t })).not.toThrow()
    expect(store.read().first?.ref).toBe('theo')
  })
})

describe('cookie domain heuristic', () => {
  it('lists candidates shortest first, never a bare TLD', () => {
    expect(domainCandidates('www.shop.example.co.uk')).toEqual(['co.uk', 'example.co.uk', 'shop.example.co.uk', 'www.shop.example.co.uk'])
    expect(domainCandidates('acme.dev')).toEqual(['acme.dev'])
  })
  it('uses host-only cookies for IPs and single-label hosts', () => {
    expect(domainCandidates('localhost')).toEqual([])
    expect(domainCandidates('127.0.0.1')).toEqual([])
    expect(domainCandidates('[::1]')).toEqual([])
  })
  it('keeps the first domain the browser accepts', () => {
    // A stand-in document that, like a browser with the public-suffix list, refuses `co.uk`.
    const jar = new Map<string, string>()
    const doc = {
      get cookie() {
        return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      },
      set cookie(v: string) {
        const [pair = '', ...attrs] = v.split('; ')
        const domain = attrs.find((a) => a.startsWith('domain='))?.slice(7)
        if (domain === 'co.uk') return
        const [k = '', val = ''] = pair.split('=')
        if (attrs.includes('max-age=0')) jar.delete(k)
        else jar.set(k, val)
      },
    } as unknown as Document
    expect(registrableDomain(doc, 'www.shop.example.co.uk')).toBe('example.co.uk')
    expect(jar.size).toBe(0)
  })
})

describe('cleanAddressBar', () => {
  it('removes attribution parameters and keeps the rest', () => {
    expect(cleanAddressBar('https://acme.dev/p?utm_source=x&id=7&ref=theo&gclid=1&UTM_MEDIUM=y#top')).toBe('/p?id=7#top')
    expect(cleanAddressBar('https://acme.dev/p?code=theo', ['code'])).toBe('/p')
  })
  it('returns undefined when there is nothing to clean or the URL is bad', () => {
    expect(cleanAddressBar('https://acme.dev/p?id=7')).toBeUndefined()
    expect(cleanAddressBar('::nope')).toBeUndefined()
  })
})
