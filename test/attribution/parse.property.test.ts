import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHANNELS, REF_PARAMS, UTM_PARAMS, parseTouch } from '../../src/attribution/index.js'

// Slug-like campaign values, the kind a link builder writes: never personal-looking, ≤ 100 chars.
const slug = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/)
const utm = fc.record(Object.fromEntries(UTM_PARAMS.map((p) => [p, slug])) as Record<(typeof UTM_PARAMS)[number], fc.Arbitrary<string>>, { requiredKeys: [] })

describe('parseTouch properties', () => {
  it('reads back every UTM value and creator code written with URLSearchParams', () => {
    fc.assert(
      fc.property(utm, fc.option(slug, { nil: undefined }), fc.constantFrom(...REF_PARAMS), (values, ref, refName) => {
        const url = new URL('https://acme.dev/landing')
        for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v)
        if (ref !== undefined) url.searchParams.set(refName, ref)
        const touch = parseTouch(url.href)
        expect(touch.utm).toEqual(values)
        expect(touch.ref).toBe(ref)
        expect(touch.landingPath).toBe('/landing')
      }),
    )
  })

  it('never throws and always returns a known channel, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.option(fc.string({ maxLength: 300 }), { nil: undefined }), (url, referrer) => {
        const touch = parseTouch(url, referrer)
        expect(CHANNELS).toContain(touch.channel)
        for (const v of Object.values(touch.utm)) expect(Array.from(v).length).toBeLessThanOrEqual(100)
      }),
      { numRuns: 500 },
    )
  })

  it('never keeps an email address, however it is encoded', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom(...UTM_PARAMS, ...REF_PARAMS), (email, name) => {
        const url = `https://acme.dev/?${name}=${encodeURIComponent(email)}`
        expect(JSON.stringify(parseTouch(url))).not.toContain('@')
      }),
    )
  })
})
