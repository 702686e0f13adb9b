import fc from 'fast-check'
import thirdPartyWeb from 'third-party-web'
import { describe, expect, it } from 'vitest'
import { rootDomain, thirdPartyEntity } from '../../src/audit/third-party.js'

// The audit indexes third-party-web's data file by host instead of importing the package entry (which builds
// its whole lookup API at start-up). The package entry stays the reference: both must name every host alike.
const reference = (host: string): { name: string; company: string; category: string } | undefined => {
  const entity = thirdPartyWeb.getEntity(`https://${host}/`)
  return entity ? { name: entity.name, company: entity.company, category: entity.category } : undefined
}

const domains = thirdPartyWeb.entities.flatMap((e) => e.domains).map((d) => d.replace(/^\*\./, ''))

describe('third-party entities', () => {
  it('every domain of the data set, and subdomains of each, resolve to the entity third-party-web names', () => {
    expect(domains.length).toBeGreaterThan(2000)
    let named = 0
    for (const domain of domains) {
      for (const host of [domain, `www.${domain}`, `a.b.${domain}`, domain.replace(/^[^.]+\./, ''), `x${domain}`]) {
        const expected = reference(host)
        if (expected) named++
        expect(thirdPartyEntity(host), host).toEqual(expected)
        expect(rootDomain(host), host).toBe(thirdPartyWeb.getRootDomain(`https://${host}/`))
      }
    }
    // Not a vacuous comparison: most of those hosts belong to an entity.
    expect(named).toBeGreaterThan(domains.length * 2)
  })

  it('known hosts get their names and categories; a host nobody lists gets none', () => {
    expect(thirdPartyEntity('www.youtube.com')).toMatchObject({ name: 'YouTube', category: 'video' })
    expect(thirdPartyEntity('fonts.googleapis.com')).toMatchObject({ name: 'Google Fonts', category: 'cdn' })
    expect(thirdPartyEntity('js.stripe.com')).toMatchObject({ name: 'Stripe', category: 'utility' })
    expect(thirdPartyEntity('cdn.nobody-lists-this.example')).toBeUndefined()
    expect(rootDomain('a.b.example.co.uk')).toBe('example.co.uk')
  })

  it('property: for any host made of data-set labels and random ones, the same entity as third-party-web', () => {
    const label = fc.oneof(fc.constantFrom('www', 'cdn', 'api', 'co', 'com', 'uk', 'gov', 'ne'), fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/))
    const host = fc.tuple(fc.array(label, { maxLength: 3 }), fc.constantFrom(...domains)).map(([labels, domain]) => [...labels, domain].join('.'))
    fc.assert(
      fc.property(
        fc.oneof(
          host,
          fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.')),
        ),
        (h) => {
          expect(thirdPartyEntity(h)).toEqual(reference(h))
        },
      ),
      { numRuns: 3000 },
    )
  })
})
