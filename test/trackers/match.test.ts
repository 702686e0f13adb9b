import { describe, expect, it } from 'vitest'
import { isAllowedHost, matchUrl, TRACKERS } from '../../src/trackers/index.js'

const id = (url: string, base?: string): string | undefined => matchUrl(url, base)?.id

describe('matchUrl', () => {
  it('matches by host suffix, including subdomains', () => {
    expect(id('https://www.google-analytics.com/analytics.js')).toBe('universal-analytics')
    expect(id('https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123')).toBe('ga4')
    expect(id('https://connect.facebook.net/en_US/fbevents.js')).toBe('meta-pixel')
    expect(id('https://www.clarity.ms/tag/abcdef1234')).toBe('microsoft-clarity')
  })

  it('resolves obfuscated hosts before matching', () => {
    expect(id('https://WWW.GOOGLE-ANALYTICS.COM/analytics.js')).toBe('universal-analytics')
    expect(id('https://www.google%2Danalytics.com/analytics.js')).toBe('universal-analytics')
    expect(id('https://www.google-analytics.com./analytics.js')).toBe('universal-analytics')
    expect(id('https://www.google-analytics.com.../analytics.js')).toBe('universal-analytics')
    expect(id('//www.google-analytics.com/analytics.js', 'https://shop.example/page')).toBe('universal-analytics')
    expect(id('//www.google-analytics.com/analytics.js')).toBe('universal-analytics')
    expect(id('https://shop.example@www.facebook.com/tr?id=1&ev=PageView')).toBe('meta-pixel')
    expect(id('https://user:pw@static.ads-twitter.com/uwt.js')).toBe('x-pixel')
    expect(id('https:\\\\snap.licdn.com\\li.lms-analytics\\insight.min.js')).toBe('linkedin-insight')
    expect(id('https://bat.bing.com:443/bat.js')).toBe('bing-uet')
    expect(id('  HTTPS://CDN.SEGMENT.COM/analytics.js/v1/KEY/analytics.min.js  ')).toBe('segment')
  })

  it('catches first-party and server-side tag paths on any host', () => {
    expect(id('/gtm.js?id=GTM-ABC123', 'https://shop.example/')).toBe('gtm')
    expect(id('https://sgtm.shop.example/gtm.js?id=gtm-abc123')).toBe('gtm')
    expect(id('https://shop.example/%67tm.js?id=GTM-ABC123')).toBe('gtm')
    expect(id('https://www.googletagmanager.com/gtag/js?id=G-ABC123')).toBe('ga4')
    expect(id('https://www.googletagmanager.com/gtag/js?id=AW-123456789')).toBe('google-ads')
    expect(id('https://shop.example/metrics/g/collect?v=2&tid=G-1')).toBe('ga4')
    expect(id('https://shop.example/tr?id=123&ev=PageView')).toBe('meta-pixel')
    expect(id('https://shop.example/assets/fbevents.js')).toBe('meta-pixel')
  })

  it('does not match look-alikes, query mentions or other schemes', () => {
    expect(id('https://shop.example/?utm_source=google-analytics.com')).toBeUndefined()
    expect(id('https://notgoogle-analytics.com/analytics.js')).toBeUndefined()
    expect(id('https://google-analytics.com.evil.example/x.js')).toBeUndefined()
    expect(id('https://shop.example/gtm.js?id=other')).toBeUndefined()
    expect(id('https://shop.example/tr?lang=en')).toBeUndefined()
    expect(id('data:text/javascript,fbq()')).toBeUndefined()
    expect(id('javascript:void 0')).toBeUndefined()
    expect(id('https://eu.i.posthog.com/e/')).toBeUndefined()
    expect(id('http://[::1')).toBeUndefined()
  })
})

describe('isAllowedHost', () => {
  it('follows CSP host-source rules', () => {
    expect(isAllowedHost('www.youtube.com', ['*.youtube.com'])).toBe(true)
    expect(isAllowedHost('youtube.com', ['*.youtube.com'])).toBe(false)
    expect(isAllowedHost('WWW.YouTube.com.', ['www.youtube.com'])).toBe(true)
    expect(isAllowedHost('evil.youtube.com', ['www.youtube.com'])).toBe(false)
    expect(isAllowedHost('eu.i.posthog.com', ['https://EU.i.posthog.com/'])).toBe(true)
    expect(isAllowedHost('x.example', ["'self'", ''])).toBe(false)
  })
})

describe('catalog', () => {
  it('has the vendors the guard promises, with unique ids and clean hosts', () => {
    const ids = TRACKERS.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const need of [
      'ga4',
      'universal-analytics',
      'gtm',
      'google-ads',
      'meta-pixel',
      'tiktok-pixel',
      'linkedin-insight',
      'x-pixel',
      'reddit-pixel',
      'pinterest-tag',
      'snap-pixel',
      'microsoft-clarity',
      'bing-uet',
      'hotjar',
      'fullstory',
      'segment',
      'mixpanel',
      'amplitude',
      'heap',
      'hubspot',
    ]) {
      expect(ids).toContain(need)
    }
    for (const t of TRACKERS) {
      for (const h of t.hosts) expect(h).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)
      for (const p of t.paths) expect(p.startsWith('/')).toBe(true)
      for (const q of [...(t.queues ?? []), ...(t.stubs ?? [])]) expect(t.globals).toContain(q)
      for (const src of t.ids) expect(() => new RegExp(src)).not.toThrow()
      expect(t.snippets.length).toBeGreaterThan(0)
    }
  })
})
