import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bareHost, cleanDomain, cleanHost, hostIn, hostMatches, urlHost } from '../../src/hosts/index.js'
import { checkLanding } from '../../src/links/landing.js'
import { matchUrl } from '../../src/trackers/match.js'
import * as rules from '../../src/trackers/rules.js'

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/)
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.'))

describe('host cleanup', () => {
  it.each([
    ['Google-Analytics.com.', 'google-analytics.com'],
    ['WWW.ACME.dev..', 'www.acme.dev'],
    ['acme.dev', 'acme.dev'],
  ])('cleanHost(%s) = %s', (input, out) => expect(cleanHost(input)).toBe(out))

  it('cleanDomain drops leading dots too; bareHost drops one leading www.', () => {
    expect(cleanDomain('.Acme.DEV.')).toBe('acme.dev')
    expect(bareHost('WWW.reddit.com.')).toBe('reddit.com')
    expect(bareHost('www.www.x.com')).toBe('www.x.com')
  })

  it('urlHost of an http(s) or ws(s) URL is cleanHost of its hostname (the URL parser lowercases it)', () => {
    const scheme = fc.constantFrom('http', 'https', 'ws', 'wss')
    const spelt = fc.tuple(host, fc.array(fc.boolean(), { maxLength: 40 }), fc.constantFrom('', '.', '..'))
    fc.assert(
      fc.property(scheme, spelt, (s, [h, caps, dots]) => {
        // Ending in a name, not a number: a numeric last label makes an IPv4 address.
        const name = `${h}.example`
        const written = [...name].map((c, i) => (caps[i] ? c.toUpperCase() : c)).join('') + dots
        const url = new URL(`${s}://${written}/x`)
        return urlHost(url) === cleanHost(url.hostname) && urlHost(url) === name
      }),
    )
    expect(urlHost(new URL('https://Bücher.Example./'))).toBe('xn--bcher-kva.example')
  })

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => cleanHost(cleanHost(s)) === cleanHost(s) && bareHost(bareHost(s)) === bareHost(bareHost(bareHost(s)))))
  })
})

describe('hostIn / hostMatches', () => {
  it('matches the host and its subdomains, never a look-alike', () => {
    expect(hostIn('acme.dev', 'acme.dev')).toBe(true)
    expect(hostIn('app.acme.dev', 'acme.dev')).toBe(true)
    expect(hostIn('evilacme.dev', 'acme.dev')).toBe(false)
    expect(hostIn('acme.dev.evil.com', 'acme.dev')).toBe(false)
  })

  it('label.* matches the label under any suffix', () => {
    expect(hostMatches('www.google.co.uk', 'google.*')).toBe(true)
    expect(hostMatches('google.com', 'google.*')).toBe(true)
    expect(hostMatches('notgoogle.com', 'google.*')).toBe(false)
    expect(hostMatches('bytes.substack.com', 'Substack.com.')).toBe(true)
  })

  it('property: a subdomain is in its parent, the parent is not in a child, a prefix is not a subdomain', () => {
    fc.assert(
      fc.property(host, label, (h, sub) => {
        expect(hostIn(`${sub}.${h}`, h)).toBe(true)
        expect(hostIn(h, `${sub}.${h}`)).toBe(false)
        expect(hostIn(`${sub}${h}`, h)).toBe(`${sub}${h}` === h)
        expect(hostMatches(`${sub}.${h}`, h)).toBe(true)
      }),
    )
  })
})

describe('one implementation for every caller', () => {
  it('the tracker rules re-export the same functions', () => {
    expect(rules.cleanHost).toBe(cleanHost)
    expect(rules.hostIn).toBe(hostIn)
    expect(rules.urlHost).toBe(urlHost)
  })

  it('the catalog, landing checks and cleanup agree on a trailing dot and case', () => {
    expect(matchUrl('https://WWW.Google-Analytics.com./g/collect')?.id).toBeDefined()
    expect(matchUrl('https://WWW.Google-Analytics.com./g/collect')?.id).toBe(matchUrl('https://www.google-analytics.com/g/collect')?.id)
    expect(checkLanding('https://App.Example.dev./x', ['.example.dev.'])).toBeUndefined()
    expect(checkLanding('https://evilexample.dev/x', ['example.dev'])?.rule).toBe('landing-domain')
  })
})
