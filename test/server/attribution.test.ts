// readAttribution: the fp_touch cookie is visitor-controlled. A catalogue of hostile forms, then a
// property over arbitrary headers: it never throws and whatever it returns is sanitized.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHANNELS, UTM_PARAMS, parseTouch, type Touch } from '../../src/attribution/index.js'
import { looksPersonal, MAX_VALUE_LENGTH } from '../../src/attribution/sanitize.js'
import { readAttribution } from '../../src/server/index.js'

const NOW = Date.UTC(2026, 11, 1)
const DAY = 86_400_000
const at = (t: Touch, timestamp: number): Touch => ({ ...t, timestamp })
const theo = at(parseTouch('https://acme.dev/?ref=theo&utm_source=youtube&utm_campaign=launch'), NOW - DAY)
const hn = at(parseTouch('https://acme.dev/', 'https://news.ycombinator.com/'), NOW - 60_000)
const cookie = (value: unknown): string => `fp_touch=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`
const read = (input: Parameters<typeof readAttribution>[0]) => readAttribution(input, { now: () => NOW })

/** Every string in a result: what must be clean. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

function expectSanitized(result: ReturnType<typeof readAttribution>): void {
  expect(Object.keys(result).every((k) => k === 'first' || k === 'last')).toBe(true)
  for (const touch of [result.first, result.last]) {
    if (!touch) continue
    expect(CHANNELS).toContain(touch.channel)
    expect(Object.keys(touch.utm).every((k) => (UTM_PARAMS as readonly string[]).includes(k))).toBe(true)
    expect(touch.landingPath.startsWith('/')).toBe(true)
    expect(touch.timestamp).toBeLessThanOrEqual(NOW + DAY)
    expect(touch.timestamp).toBeGreaterThanOrEqual(NOW - 90 * DAY)
    for (const s of strings({ ...touch.utm, ref: touch.ref, host: touch.referrerHost })) {
      expect(looksPersonal(s)).toBe(false)
      expect(Array.from(s).length).toBeLessThanOrEqual(MAX_VALUE_LENGTH)
      expect(s).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/)
    }
  }
}

describe('readAttribution', () => {
  it('reads first and last touch from a fetch Request', () => {
    const request = new Request('https://acme.app/api/signup', { method: 'POST', headers: { cookie: `a=1; ${cookie({ first: theo, last: hn })}; b=2` } })
    expect(read(request)).toEqual({ first: theo, last: hn })
  })

  it('reads a Node IncomingMessage-style headers object and a raw header string', () => {
    expect(read({ headers: { cookie: cookie({ first: theo }) } }).first?.ref).toBe('theo')
    expect(read({ headers: { cookie: ['x=1', cookie({ first: theo })] } }).first?.ref).toBe('theo')
    expect(read(cookie({ last: hn })).last?.referrerHost).toBe('news.ycombinator.com')
  })

  // Hostile forms of the cookie and of the input itself.
  it.each<[string, Parameters<typeof readAttribution>[0]]>([
    ['no input', undefined],
    ['null', null],
    ['empty header', ''],
    ['no fp_touch', 'a=1; b=2'],
    ['not JSON', 'fp_touch=hello'],
    ['broken percent-escape', 'fp_touch=%E0%A4%A'],
    ['JSON null', cookie('null')],
    ['JSON array', cookie([theo])],
    ['JSON string', cookie('"x"')],
    ['unknown channel', cookie({ first: { ...theo, channel: 'admin' } })],
    ['timestamp a string', cookie({ first: { ...theo, timestamp: '1' } })],
    ['timestamp NaN-like', cookie('{"first":{"channel":"direct","timestamp":1e999}}')],
    ['expired (over 90 days)', cookie({ first: at(theo, NOW - 91 * DAY) })],
    ['from the future', cookie({ first: at(theo, NOW + 2 * DAY) })],
    ['headers without cookie', { headers: {} }],
    ['headers of the wrong type', { headers: 42 } as never],
    ['a 100 KB header', `fp_touch=${'a'.repeat(100_000)}`],
    ['a number', 42 as never],
  ])('%s → {}', (_name, input) => {
    expect(read(input)).toEqual({})
  })

  it('drops what is not a touch field and cleans values again', () => {
    const tampered = {
      first: {
        ...theo,
        ref: 'jane@example.com',
        isAdmin: true,
        utm: { utm_source: '\u202eevil', utm_medium: 'x'.repeat(500), evil: 'y' },
        landingPath: 'javascript:alert(1)',
        clickIds: ['google', 'gclid-value-123'],
      },
      __proto__: { polluted: true },
    }
    const { first } = read(cookie(tampered))
    expect(first).toBeDefined()
    expect(first!.ref).toBeUndefined()
    expect(first!.utm).toEqual({ utm_source: 'evil', utm_medium: 'x'.repeat(MAX_VALUE_LENGTH) })
    expect(first!.landingPath).toBe('/')
    expect(first!.clickIds).toEqual(['google'])
    expect(first).not.toHaveProperty('isAdmin')
    expectSanitized(read(cookie(tampered)))
  })

  it('the first fp_touch wins; a quoted value is read', () => {
    expect(read(`${cookie({ first: theo })}; ${cookie({ first: hn })}`).first?.ref).toBe('theo')
    expect(read(`fp_touch="${encodeURIComponent(JSON.stringify({ first: theo }))}"`).first?.ref).toBe('theo')
  })

  it('honours ttlDays', () => {
    expect(readAttribution(cookie({ first: theo }), { now: () => NOW, ttlDays: 0.5 })).toEqual({})
  })

  it('property: never throws, output always sanitized, whatever the header', () => {
    const touchLike = fc.record(
      {
        utm: fc.dictionary(fc.constantFrom(...UTM_PARAMS, 'evil'), fc.oneof(fc.string(), fc.emailAddress(), fc.integer())),
        ref: fc.oneof(fc.string(), fc.emailAddress(), fc.constant(undefined)),
        clickIds: fc.array(fc.oneof(fc.constantFrom('google', 'meta'), fc.string())),
        paid: fc.anything(),
        referrerHost: fc.oneof(fc.domain(), fc.string()),
        channel: fc.oneof(fc.constantFrom(...CHANNELS), fc.string()),
        landingPath: fc.oneof(fc.webPath(), fc.string()),
        timestamp: fc.oneof(fc.integer({ min: NOW - 100 * DAY, max: NOW + 2 * DAY }), fc.double(), fc.string()),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.record({ first: touchLike, last: touchLike }, { requiredKeys: [] }).map((v) => cookie(v)),
          fc.anything().map((v) => {
            try {
              return cookie(JSON.stringify(v) ?? 'x')
            } catch {
              return 'fp_touch=x'
            }
          }),
          fc.string().map((s) => `fp_touch=${s}`),
        ),
        (header) => {
          const result = read(header)
          expectSanitized(result)
        },
      ),
      { numRuns: 150 },
    )
  })
})
