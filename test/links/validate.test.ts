import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateRegistry } from '../../src/links/index.js'
import type { LinkFinding } from '../../src/links/index.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/links/${name}`, import.meta.url), 'utf8')
const today = '2026-11-25'

const campaign = { id: 'launch', name: 'Launch', medium: 'affiliate', landing: 'https://acme.dev/signup' }
const creator = { id: 'theo', name: 'Theo', platform: 'youtube', channel: 'influencer', code: 'theo' }
const registry = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ campaigns: [campaign], creators: [creator], ...extra })
const rules = (findings: LinkFinding[]): string[] => findings.map((f) => `${f.entry} ${f.field}: ${f.rule}`)
const check = (input: unknown): string[] => rules(validateRegistry(input, { today }))

describe('validateRegistry', () => {
  it('accepts a valid registry and the fixture', () => {
    expect(check(registry())).toEqual([])
    expect(validateRegistry(JSON.parse(fixture('valid.json')), { today, text: fixture('valid.json') })).toEqual([])
  })

  it('reports every problem of the invalid fixture with file, line, entry and field', () => {
    const text = fixture('invalid.json')
    const findings = validateRegistry(JSON.parse(text), { file: 'invalid.json', text, today })
    expect(findings.every((f) => f.file === 'invalid.json')).toBe(true)
    expect(findings.map((f) => `${f.line} ${f.entry} ${f.field} ${f.rule}`)).toEqual([
      '5 campaigns[0] (launch) landing insecure-landing',
      '6 campaigns[1] (LAUNCH) id duplicate-id',
      '6 campaigns[1] (LAUNCH) landing landing-domain',
      '7 campaigns[2] (old) end ended',
      '11 creators[1] (Theo) id duplicate-id',
      '11 creators[1] (Theo) code duplicate-code',
      '12 creators[2] (spacey) code unsafe-code',
      '13 creators[3] (nameless) name missing-field',
      '14 creators[4] (tv) channel unknown-channel',
      '15 creators[5] (zero) code ambiguous-code',
      '16 creators[6] (lost) campaigns unknown-campaign',
      '17 creators[7] (typo) landng unknown-field',
    ])
    const dup = findings.find((f) => f.rule === 'duplicate-id' && f.entry.startsWith('creators'))
    expect(dup?.message).toContain('same as creators[0] (theo)')
  })

  it('never throws and rejects what is not a registry', () => {
    for (const input of [null, 42, 'x', [], undefined]) expect(check(input)).toEqual(['registry : invalid-registry'])
    expect(check({})).toEqual(['registry creators: missing-field', 'registry campaigns: missing-field'])
    expect(check({ creators: {}, campaigns: [] })).toEqual(['registry creators: invalid-type'])
    expect(check({ creators: [null, 7], campaigns: [] })).toEqual(['creators[0] : invalid-type', 'creators[1] : invalid-type'])
  })

  it('missing and mistyped fields', () => {
    const { code: _code, ...noCode } = creator
    expect(check(registry({ creators: [noCode] }))).toEqual(['creators[0] (theo) code: missing-field'])
    expect(check(registry({ creators: [{ ...creator, name: '  ' }] }))).toEqual(['creators[0] (theo) name: invalid-type'])
    expect(check(registry({ creators: [{ ...creator, campaigns: 'launch' }] }))).toEqual(['creators[0] (theo) campaigns: invalid-type'])
    expect(check(registry({ rejectAmbiguousCodes: 'yes' }))).toEqual(['registry rejectAmbiguousCodes: invalid-type'])
    expect(check(registry({ campaigns: [{ ...campaign, landing: undefined }] }))).toEqual(['campaigns[0] (launch) landing: missing-field'])
  })

  it('cost and currency: a number ≥ 0 and an ISO 4217 code, on creators and campaigns', () => {
    expect(check(registry({ creators: [{ ...creator, cost: 1500, currency: 'USD' }], campaigns: [{ ...campaign, cost: 0, currency: 'EUR' }] }))).toEqual([])
    expect(check(registry({ creators: [{ ...creator, cost: 1500 }] }))).toEqual([])
    for (const cost of [-1, '1500', Number.NaN, Number.POSITIVE_INFINITY, [1500]])
      expect(check(registry({ creators: [{ ...creator, cost }] }))).toEqual(['creators[0] (theo) cost: invalid-type'])
    for (const currency of ['usd', '$', 'US Dollar', 'EURO', 840])
      expect(check(registry({ campaigns: [{ ...campaign, currency }] }))).toEqual(['campaigns[0] (launch) currency: invalid-type'])
    const [finding] = validateRegistry(registry({ creators: [{ ...creator, currency: 'usd' }] }), { today })
    expect(finding?.message).toBe('must be an ISO 4217 code of three capital letters such as "USD", got "usd"')
  })

  it('duplicate ids and codes, case-insensitively and as written in links', () => {
    expect(check(registry({ creators: [creator, { ...creator, id: 'THEO', code: 'other' }] }))).toEqual(['creators[1] (THEO) id: duplicate-id'])
    expect(check(registry({ creators: [creator, { ...creator, id: 'b', code: 'Theo' }] }))).toEqual(['creators[1] (b) code: duplicate-code'])
    // "Launch Week" and "launch-week" both become utm_campaign=launch-week.
    expect(
      check(
        registry({
          campaigns: [
            { ...campaign, id: 'Launch Week' },
            { ...campaign, id: 'launch-week' },
          ],
        }),
      ),
    ).toEqual(['campaigns[1] (launch-week) id: duplicate-id'])
  })

  it('unsafe, ambiguous and confusable codes', () => {
    for (const code of ['a b', 'a/b', 'a&ref=x', '-lead', 'trail_', 'é', 'x'.repeat(65)])
      expect(check(registry({ creators: [{ ...creator, code }] }))).toEqual(['creators[0] (theo) code: unsafe-code'])
    for (const code of ['a', 'A1b2', 'dev_rel-2']) expect(check(registry({ creators: [{ ...creator, code }] }))).toEqual([])
    // Ambiguous characters only matter when configured.
    expect(check(registry({ creators: [{ ...creator, code: 'z0e' }] }))).toEqual([])
    expect(check(registry({ rejectAmbiguousCodes: true, creators: [{ ...creator, code: 'z0e' }] }))).toEqual(['creators[0] (theo) code: ambiguous-code'])
    expect(check(registry({ rejectAmbiguousCodes: true, creators: [{ ...creator, code: 'theo' }] }))).toEqual([])
    // Two codes that read alike are always a finding: one creator would get the other's signups.
    expect(
      check(
        registry({
          creators: [
            { ...creator, code: 'leo' },
            { ...creator, id: 'b', code: 'LE0' },
          ],
        }),
      ),
    ).toEqual(['creators[1] (b) code: confusable-code'])
    expect(
      check(
        registry({
          creators: [
            { ...creator, code: 'dev-ana' },
            { ...creator, id: 'b', code: 'devana' },
          ],
        }),
      ),
    ).toEqual(['creators[1] (b) code: confusable-code'])
  })

  it('landing URLs: absolute, https, allowed domains (subdomains included)', () => {
    const landing = (url: string, allowedDomains?: string[]): string[] =>
      check(registry({ ...(allowedDomains ? { allowedDomains } : {}), campaigns: [{ ...campaign, landing: url }] }))
    expect(landing('/signup')).toEqual(['campaigns[0] (launch) landing: invalid-url'])
    expect(landing('http://acme.dev/')).toEqual(['campaigns[0] (launch) landing: insecure-landing'])
    expect(landing('javascript:alert(1)')).toEqual(['campaigns[0] (launch) landing: insecure-landing'])
    expect(landing('https://user:pw@acme.dev/')).toEqual(['campaigns[0] (launch) landing: invalid-url'])
    expect(landing('https://anything.example/')).toEqual([])
    expect(landing('https://www.acme.dev/x', ['acme.dev'])).toEqual([])
    expect(landing('https://ACME.dev./x', ['acme.dev'])).toEqual([])
    expect(landing('https://acme.dev.evil.com/', ['acme.dev'])).toEqual(['campaigns[0] (launch) landing: landing-domain'])
    expect(landing('https://notacme.dev/', ['acme.dev'])).toEqual(['campaigns[0] (launch) landing: landing-domain'])
    expect(check(registry({ creators: [{ ...creator, landing: 'http://acme.dev' }] }))).toEqual(['creators[0] (theo) landing: insecure-landing'])
    expect(rules(validateRegistry(registry({ allowedDomains: ['acme.dev'] }), { today, base: 'https://other.dev/' }))).toEqual(['--base : landing-domain'])
  })

  it('dates: format, order, ended campaigns and deals', () => {
    expect(check(registry({ campaigns: [{ ...campaign, end: '2026-11-24' }] }))).toEqual(['campaigns[0] (launch) end: ended'])
    expect(check(registry({ campaigns: [{ ...campaign, end: today }] }))).toEqual([])
    expect(check(registry({ creators: [{ ...creator, end: '2025-01-01' }] }))).toEqual(['creators[0] (theo) end: ended'])
    expect(check(registry({ campaigns: [{ ...campaign, start: '2027-02-01', end: '2027-01-01' }] }))).toEqual(['campaigns[0] (launch) end: invalid-dates'])
    for (const end of ['2026-02-30', '26-01-01', '2026/01/01'])
      expect(check(registry({ campaigns: [{ ...campaign, end }] }))).toEqual(['campaigns[0] (launch) end: invalid-type'])
  })

  it('unknown channels, campaigns and fields', () => {
    expect(check(registry({ creators: [{ ...creator, channel: 'tv' }] }))).toEqual(['creators[0] (theo) channel: unknown-channel'])
    expect(check(registry({ creators: [{ ...creator, channel: 'direct' }] }))).toEqual(['creators[0] (theo) channel: unknown-channel'])
    expect(check(registry({ creators: [{ ...creator, channel: 'email' }] }))).toEqual([])
    expect(check(registry({ creators: [{ ...creator, campaigns: ['LAUNCH', 'gone'] }] }))).toEqual(['creators[0] (theo) campaigns: unknown-campaign'])
    expect(check(registry({ extra: 1 }))).toEqual(['registry extra: unknown-field'])
    expect(check(registry({ creators: [{ ...creator, constructor: 'x' }] }))).toEqual(['creators[0] (theo) constructor: unknown-field'])
  })

  it('values the site would drop or cut are findings, not silent losses', () => {
    // The parser's privacy filter decides (imported, not copied): a phone-like value is dropped there, so it is a finding here.
    expect(check(registry({ campaigns: [{ ...campaign, id: '+1 (555) 123-4567' }] }))).toEqual(['campaigns[0] (+1 (555) 123-4567) id: looks-personal'])
    expect(check(registry({ campaigns: [{ ...campaign, term: 'jane@example.com' }] }))).toEqual(['campaigns[0] (launch) term: looks-personal'])
    expect(check(registry({ campaigns: [{ ...campaign, term: 'a'.repeat(101) }] }))).toEqual(['campaigns[0] (launch) term: too-long'])
    expect(check(registry({ creators: [{ ...creator, code: 'ab12cd34ef56gh78ij90kl12mn34op56q' }] }))).toEqual(['creators[0] (theo) code: looks-personal'])
    expect(check(registry({ creators: [{ ...creator, platform: '!!!' }] }))).toEqual(['creators[0] (theo) platform: empty-value'])
  })

  it('keeps every finding on one line, whatever the values hold', () => {
    const findings = validateRegistry(registry({ creators: [{ ...creator, id: 'a\nb', code: 'x\ny', end: '2026-13-01\n' }] }), { today })
    expect(findings.map((f) => f.rule)).toEqual(['invalid-type', 'unsafe-code'])
    for (const f of findings) expect(`${f.entry} ${f.field}: ${f.message}`).not.toMatch(/[\r\n]/)
    expect(findings[1]?.entry).toBe('creators[0] ("a\\nb")')
    const long = validateRegistry(registry({ creators: [{ ...creator, code: 'x'.repeat(10_000) }] }), { today })[0]
    expect(long?.message.length).toBeLessThan(200)
  })

  it('refParam must be a parameter name the site can read', () => {
    expect(check(registry({ refParam: 'code' }))).toEqual([])
    expect(check(registry({ refParam: 'utm_source' }))).toEqual(['registry refParam: invalid-ref-param'])
    expect(check(registry({ refParam: 'Bad Name' }))).toEqual(['registry refParam: invalid-ref-param'])
    expect(check(registry({ refParam: 'gclid' }))).toEqual(['registry refParam: invalid-ref-param'])
  })
})
