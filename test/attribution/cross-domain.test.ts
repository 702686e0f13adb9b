// @vitest-environment happy-dom
// The cross-domain codec: the value the sending page writes (cross-domain.ts) and the hostile-input
// decoder of the receiving page (carried.ts). Catalogue of hostile values, then properties.
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { decodeCarried, mergeTouches, withCarriedTouches } from '../../src/attribution/carried.js'
import { CARRY_KEY, CARRY_MAX_LENGTH, CARRY_PARAM, CARRY_TTL_MS } from '../../src/attribution/carry.js'
import { carriedValue, withCarried } from '../../src/posthog/cross-domain.js'
import { CHANNELS, UTM_PARAMS, parseTouch, type Touch } from '../../src/attribution/index.js'
import { looksPersonal } from '../../src/attribution/sanitize.js'

const NOW = Date.UTC(2026, 11, 1, 12)
const DAY = 86_400_000
const ID = '0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b'
const at = (t: Touch, timestamp: number): Touch => ({ ...t, timestamp })
const theo = at(parseTouch('https://acme.dev/?ref=theo&utm_source=youtube&utm_campaign=launch~week'), NOW - DAY)
const hn = at(parseTouch('https://acme.dev/', 'https://news.ycombinator.com/'), NOW - 60_000)
const store = (value: unknown): string => encodeURIComponent(JSON.stringify(value))
const exp = (ms: number): string => Math.round((NOW + ms) / 1000).toString(36)

describe('carriedValue → decodeCarried', () => {
  it('round-trips the id and the touches, compactly', () => {
    const value = carriedValue(ID, store({ first: theo, last: hn }), NOW)
    expect(value.startsWith(`1~${exp(CARRY_TTL_MS)}~${ID}~`)).toBe(true)
    expect(decodeCarried(value, NOW)).toEqual({ id: ID, touches: { first: theo, last: hn } })
    // A `~` inside a value does not break the fields (encodeURIComponent leaves it as is).
    expect(decodeCarried(value, NOW)?.touches.first?.utm.utm_campaign).toBe('launch~week')
  })

  it('never carries an id that is not anonymous-id-shaped (an email as identified id), and drops an oversized store', () => {
    expect(carriedValue('jane@example.com', '', NOW).split('~')[2]).toBe('')
    const big = store({ first: { ...theo, utm: { utm_source: 'x'.repeat(3000) } } })
    const value = carriedValue(ID, big, NOW)
    expect(value.length).toBeLessThanOrEqual(CARRY_MAX_LENGTH)
    expect(decodeCarried(value, NOW)).toEqual({ id: ID, touches: {} })
  })

  it('accepts the value as a GET form sends it (form-encoded once more)', () => {
    const value = carriedValue(ID, store({ first: theo }), NOW)
    const fromForm = new URLSearchParams({ [CARRY_PARAM]: value }).toString().slice(CARRY_PARAM.length + 1)
    expect(fromForm).toContain('%7E')
    expect(decodeCarried(fromForm, NOW)?.touches.first).toEqual(theo)
  })

  it.each<[string, unknown]>([
    ['not a string', 42],
    ['empty', ''],
    ['no separators', 'hello'],
    ['three fields only', `1~${exp(60_000)}~${ID}`],
    ['another version', `2~${exp(60_000)}~${ID}~`],
    ['expired', `1~${exp(-1000)}~${ID}~`],
    ['issued an hour ahead', `1~${exp(3_600_000)}~${ID}~`],
    ['expiry not base 36', `1~!!~${ID}~`],
    ['expiry huge', `1~zzzzzzzzzzzzzzzz~${ID}~`],
    ['oversized', `1~${exp(60_000)}~${ID}~${'a'.repeat(CARRY_MAX_LENGTH)}`],
    ['store not JSON', `1~${exp(60_000)}~${ID}~%7Bnope`],
    ['store a broken escape', `1~${exp(60_000)}~${ID}~%E0%A4%A`],
  ])('%s → undefined', (_name, value) => {
    expect(decodeCarried(value, NOW)).toBeUndefined()
  })

  it.each<[string, unknown, Partial<ReturnType<typeof decodeCarried>>]>([
    ['an id with odd characters is dropped, touches kept', `1~${exp(60_000)}~<script>~${store({ first: theo })}`, { touches: { first: theo } }],
    [
      'an unknown channel drops that touch',
      `1~${exp(60_000)}~${ID}~${store({ first: { ...theo, channel: 'admin' }, last: hn })}`,
      { id: ID, touches: { last: hn } },
    ],
    ['a touch from the future is dropped', `1~${exp(60_000)}~${ID}~${store({ first: at(theo, NOW + DAY) })}`, { id: ID, touches: {} }],
    ['a touch older than the TTL is dropped', `1~${exp(60_000)}~${ID}~${store({ first: at(theo, NOW - 91 * DAY) })}`, { id: ID, touches: {} }],
    ['JSON null store', `1~${exp(60_000)}~${ID}~null`, { id: ID, touches: {} }],
    [
      '__proto__ in the store',
      `1~${exp(60_000)}~${ID}~${encodeURIComponent(`{"__proto__":{"polluted":1},"first":${JSON.stringify(theo)}}`)}`,
      { id: ID, touches: { first: theo } },
    ],
  ])('%s', (_name, value, expected) => {
    expect(decodeCarried(value, NOW)).toEqual(expected)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('personal values and click ids in a crafted store are removed', () => {
    const crafted = {
      first: {
        ...theo,
        ref: 'jane@example.com',
        utm: { utm_source: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.x', utm_medium: '+1 555 123 4567' },
        clickIds: ['google', 'Cj0KCQiA-gclid-value'],
      },
    }
    const first = decodeCarried(`1~${exp(60_000)}~${ID}~${store(crafted)}`, NOW)?.touches.first
    expect(first).toMatchObject({ utm: {}, clickIds: ['google'] })
    expect(first?.ref).toBeUndefined()
  })

  it('property: never throws; whatever it returns is sanitized', () => {
    const touchLike = fc.record(
      {
        utm: fc.dictionary(fc.constantFrom(...UTM_PARAMS, 'x'), fc.oneof(fc.string(), fc.emailAddress())),
        ref: fc.oneof(fc.string(), fc.emailAddress()),
        clickIds: fc.array(fc.string()),
        channel: fc.oneof(fc.constantFrom(...CHANNELS), fc.string()),
        landingPath: fc.string(),
        timestamp: fc.oneof(fc.integer({ min: NOW - 100 * DAY, max: NOW + DAY }), fc.double()),
      },
      { requiredKeys: [] },
    )
    const value = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc
        .tuple(
          fc.constantFrom('1', '2', ''),
          fc.integer({ min: -1e6, max: 1e6 }),
          fc.string(),
          fc.record({ first: touchLike, last: touchLike }, { requiredKeys: [] }),
        )
        .map(([v, offset, id, touches]) => `${v}~${exp(offset * 1000)}~${id}~${store(touches)}`),
    )
    fc.assert(
      fc.property(value, (v) => {
        const out = decodeCarried(v, NOW)
        if (!out) return
        if (out.id !== undefined) expect(out.id).toMatch(/^[A-Za-z0-9-]{8,64}$/)
        for (const t of [out.touches.first, out.touches.last]) {
          if (!t) continue
          expect(CHANNELS).toContain(t.channel)
          expect(t.timestamp).toBeLessThanOrEqual(NOW + 60_000)
          for (const s of [...Object.values(t.utm), t.ref ?? '']) expect(looksPersonal(s as string)).toBe(false)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('withCarried', () => {
  it('adds the parameter last, before the hash, and replaces an earlier one', () => {
    expect(withCarried('https://acme.app/signup', 'v1')).toBe('https://acme.app/signup?_fpx=v1')
    expect(withCarried('https://acme.app/s?plan=pro#top', 'v1')).toBe('https://acme.app/s?plan=pro&_fpx=v1#top')
    expect(withCarried(withCarried('https://acme.app/s?a=1', 'old'), 'new')).toBe('https://acme.app/s?a=1&_fpx=new')
  })

  it('property: every other part of the URL is kept byte for byte, and the value reads back', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.string({ minLength: 1 }).map((s) => `1~${encodeURIComponent(s)}`),
        (url, value) => {
          const out = withCarried(url, value)
          const [before, ...hash] = url.split('#')
          expect(out.endsWith(hash.length ? `#${hash.join('#')}` : `${CARRY_PARAM}=${value}`)).toBe(true)
          expect(out.startsWith(before!.replace(/[?&]_fpx=[^&]*$/, ''))).toBe(true)
          expect(new URL(out).searchParams.getAll(CARRY_PARAM).at(-1)).toBe(decodeURIComponent(value))
        },
      ),
    )
  })
})

describe('merging carried touches', () => {
  beforeEach(() => sessionStorage.clear())

  it('first is the earlier touch, last the later one', () => {
    const appDirect = at(parseTouch('https://acme.app/'), NOW - 1000)
    expect(mergeTouches({ first: appDirect, last: appDirect }, { first: theo, last: hn })).toEqual({ first: theo, last: appDirect })
    expect(mergeTouches({}, { first: theo })).toEqual({ first: theo })
    expect(mergeTouches({ first: theo }, {})).toEqual({ first: theo })
  })

  it('takes the kept value once, only while fresh', () => {
    sessionStorage.setItem(CARRY_KEY, `${NOW - 1000}~${carriedValue(ID, store({ first: theo }), NOW - 1000)}`)
    expect(withCarriedTouches({}, {}, NOW)).toEqual({ first: theo })
    expect(sessionStorage.getItem(CARRY_KEY)).toBeNull()
    expect(withCarriedTouches({ last: hn }, {}, NOW)).toEqual({ last: hn })
    sessionStorage.setItem(CARRY_KEY, `${NOW - 31 * 60_000}~${carriedValue(ID, store({ first: theo }), NOW - 31 * 60_000)}`)
    expect(withCarriedTouches({}, {}, NOW)).toEqual({})
    sessionStorage.setItem(CARRY_KEY, 'garbage')
    expect(withCarriedTouches({ first: hn }, {}, NOW)).toEqual({ first: hn })
  })

  it('a referrer on a crossDomain host is no referral (the visit from acme.dev to acme.app)', () => {
    expect(parseTouch('https://acme.app/signup', 'https://acme.dev/', { crossDomain: ['acme.dev'] }).referrerHost).toBeUndefined()
    expect(parseTouch('https://acme.app/signup', 'https://www.acme.dev/', { crossDomain: ['acme.dev'] }).channel).toBe('direct')
    expect(parseTouch('https://acme.app/signup', 'https://acme.dev.evil.example/', { crossDomain: ['acme.dev'] }).channel).toBe('referral')
  })
})

describe('crossDomainAttribution on the sending page', () => {
  const link = (href: string): HTMLAnchorElement => {
    const a = document.createElement('a')
    a.href = href
    a.textContent = 'go'
    document.body.append(a)
    // Navigation is not what is tested: stop it after the capture-phase listener ran.
    a.addEventListener('click', (e) => e.preventDefault())
    return a
  }

  it('decorates a click to a listed host (and its subdomains) only, and only when capturing', async () => {
    const { crossDomainAttribution } = await import('../../src/posthog/cross-domain.js')
    crossDomainAttribution('phc_off', { crossDomain: ['off.example'] }, false)
    crossDomainAttribution('phc_on', { crossDomain: ['acme.app'] }, true)
    const listed = link('https://app.acme.app/signup?plan=pro')
    const other = link('https://elsewhere.example/')
    const lookAlike = link('https://evilacme.app/')
    const off = link('https://off.example/')
    for (const a of [listed, other, lookAlike, off]) a.click()
    const value = new URL(listed.href).searchParams.get(CARRY_PARAM)!
    expect(value.split('~').slice(0, 1)).toEqual(['1'])
    expect(value.split('~')[2]).toBe(localStorage.getItem('fp_phc_on_early_id'))
    expect(new URL(listed.href).searchParams.get('plan')).toBe('pro')
    for (const a of [other, lookAlike, off]) expect(a.href).not.toContain(CARRY_PARAM)
  })
})
