import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTouch } from '../../src/attribution/index.js'
import { CLICK_ID_PARAMS, REF_PARAMS, UTM_PARAMS } from '../../src/attribution/params.js'
import { buildLinks, linkUtms, normalizeCode, validateRegistry, type Registry } from '../../src/links/index.js'

// Messy human input: case, spaces, punctuation, accents, digits (which the parser may read as phone numbers).
const messy = fc.string({ unit: fc.constantFrom(...'abcdeXYZéü0123456789 -_./&=?#%+!'), minLength: 1, maxLength: 30 })
// Values the parser's privacy filter drops: phone-like digit runs, long tokens, overlong text.
const risky = fc.oneof(fc.stringMatching(/^[a-z]{0,3}[0-9 -]{6,14}$/), fc.stringMatching(/^[a-z0-9]{28,40}$/), fc.stringMatching(/^[a-z]{98,110}$/))
const anyText = fc.oneof(messy, messy, fc.string({ minLength: 1, maxLength: 20 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), risky)
const code = fc.oneof(fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,20}[A-Za-z0-9])?$/), anyText)
// Attribution parameters already on the landing page, in any case: the builder must replace them.
const ownedName = fc.constantFrom(...UTM_PARAMS, ...REF_PARAMS, ...Object.keys(CLICK_ID_PARAMS), 'code')
const recase = (s: string, mask: number): string => [...s].map((c, i) => ((mask >> (i % 16)) & 1 ? c.toUpperCase() : c)).join('')
const base = fc
  .tuple(
    fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }),
    fc.array(fc.tuple(ownedName, fc.nat(0xffff), fc.string({ maxLength: 8 })), { maxLength: 3 }),
  )
  .map(([url, extra]) => {
    const u = new URL(url)
    for (const [name, mask, value] of extra) u.searchParams.append(recase(name, mask), value)
    return u.href
  })

const creator = fc.record(
  {
    id: anyText,
    name: anyText,
    platform: anyText,
    channel: fc.constantFrom('influencer', 'email', 'community', 'event'),
    code,
    landing: base,
  },
  { requiredKeys: ['id', 'name', 'platform', 'channel', 'code'] },
)
const campaign = fc.record(
  { id: anyText, name: anyText, medium: anyText, landing: base, content: anyText, term: anyText },
  { requiredKeys: ['id', 'name', 'medium', 'landing'] },
)
const registry = fc.record(
  {
    refParam: fc.constantFrom('code', 'creator'),
    creators: fc.array(creator, { minLength: 1, maxLength: 3 }),
    campaigns: fc.array(campaign, { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: ['creators', 'campaigns'] },
)

describe('round trip: what the builder writes, the attribution parser reads back', () => {
  it('every link of a valid registry parses to the same UTM values and creator code', () => {
    let checked = 0
    fc.assert(
      fc.property(registry, (input: Registry) => {
        // Only registries the validator accepts are built; the rest are rejected before any link exists.
        fc.pre(validateRegistry(input, { today: '2026-01-01' }).length === 0)
        const links = buildLinks(input)
        for (const link of links) {
          const touch = parseTouch(link.url, undefined, { refParams: input.refParam ? [input.refParam] : [] })
          const c = input.creators.find((x) => x.id === link.creator)!
          const k = input.campaigns.find((x) => linkUtms({ creator: c, campaign: x }).utm_campaign === link.campaign)!
          expect(touch.utm).toEqual(linkUtms({ creator: c, campaign: k }))
          expect(touch.ref).toBe(normalizeCode(c.code))
          expect(touch.clickIds).toEqual([])
          expect(touch.channel).toBe('influencer')
          checked++
        }
      }),
      { numRuns: 300 },
    )
    // The property must not pass vacuously.
    expect(checked).toBeGreaterThan(100)
  })

  it('a value the parser would drop or alter is always a validation finding', () => {
    fc.assert(
      fc.property(creator, campaign, (cr, ca) => {
        const input = { creators: [cr], campaigns: [ca] }
        const [link] = buildLinks(input as Registry)
        const touch = parseTouch(link!.url)
        const roundTrips = JSON.stringify(touch.utm) === JSON.stringify(linkUtms({ creator: cr, campaign: ca })) && touch.ref === normalizeCode(cr.code)
        // Either the link survives the parser intact, or the validator refused the registry.
        return roundTrips || validateRegistry(input, { today: '2026-01-01' }).length > 0
      }),
      { numRuns: 500 },
    )
  })
})
