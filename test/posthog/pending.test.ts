// @vitest-environment happy-dom
// Events a page kept for the next one (a visitor gone before the early part arrived): what the next
// early part takes from localStorage, whatever a hostile script or an old version left there.
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import { takePending } from '../../src/posthog/early.js'
import { PENDING, PENDING_TTL } from '../../src/posthog/pending.js'

const NOW = Date.parse('2026-12-01T12:00:00Z')
const page = { url: 'https://acme.dev/?utm_source=x', referrer: '', title: 'Acme' }
const entry = (event: string, at: number, properties: Record<string, unknown> = {}) => ({ event, properties, timestamp: new Date(at).toISOString(), page })
const keep = (token: string, time: number, value: unknown): void =>
  localStorage.setItem(`${PENDING}${token}_${time}`, typeof value === 'string' ? value : JSON.stringify(value))

beforeEach(() => localStorage.clear())

describe('takePending', () => {
  it('takes every page’s events of this token once, oldest first, as they were kept', () => {
    keep('phc_a', 2, [entry('cta_clicked', NOW - 1000, { cta: 'hero' })])
    keep('phc_a', 1, [entry('$pageview', NOW - 5000), entry('$pageleave', NOW - 4000)])
    keep('phc_b', 3, [entry('$pageview', NOW - 10)])
    const taken = takePending('phc_a', NOW)
    expect(taken.map((e) => e.event)).toEqual(['$pageview', '$pageleave', 'cta_clicked'])
    expect(taken[2]).toEqual({ event: 'cta_clicked', properties: { cta: 'hero' }, timestamp: new Date(NOW - 1000), page })
    expect(takePending('phc_a', NOW)).toEqual([])
    // Another site's token (or project) is not ours to send.
    expect(Object.keys(localStorage)).toEqual([`${PENDING}phc_b_3`])
  })

  it.each([
    ['not JSON', '{'],
    ['JSON but not a list', '{"event":"x"}'],
    ['a list of junk', [null, 1, 'x', [], {}]],
    ['no event name', [{ ...entry('', NOW - 1), event: '' }]],
    ['properties not an object', [{ ...entry('x', NOW - 1), properties: [] }]],
    ['page missing a field', [{ ...entry('x', NOW - 1), page: { url: 'u', referrer: '' } }]],
    ['timestamp not a date', [{ ...entry('x', NOW - 1), timestamp: 'yesterday' }]],
    ['timestamp a number', [{ ...entry('x', NOW - 1), timestamp: NOW - 1 }]],
    ['from the future', [entry('x', NOW + 60_000)]],
    ['older than a day', [entry('x', NOW - PENDING_TTL - 1)]],
  ])('drops %s, and the key with it', (_, value) => {
    keep('t', 1, value)
    expect(takePending('t', NOW)).toEqual([])
    expect(localStorage.length).toBe(0)
  })

  it('is bounded: at most 20 keys and 100 events a key per call, the rest left for the next page', () => {
    for (let i = 0; i < 25; i++)
      keep(
        't',
        i,
        Array.from({ length: 150 }, (_, j) => entry('e', NOW - 1000 + j)),
      )
    expect(takePending('t', NOW)).toHaveLength(20 * 100)
    expect(localStorage.length).toBe(5)
  })

  it('never throws and only returns well-formed events, whatever is stored', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.json(),
            fc.jsonValue().map((v) => JSON.stringify([v])),
          ),
        ),
        (values) => {
          localStorage.clear()
          values.forEach((value, i) => localStorage.setItem(`${PENDING}t_${i}`, value))
          const taken = takePending('t', NOW)
          for (const e of taken) {
            expect(typeof e.event).toBe('string')
            expect(e.timestamp.getTime()).toBeLessThanOrEqual(NOW)
            expect(typeof e.page.url).toBe('string')
          }
          expect(localStorage.length).toBe(Math.max(0, values.length - 20))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('without storage (blocked) takes nothing', () => {
    keep('t', 1, [entry('x', NOW - 1)])
    expect(takePending('t', NOW, null)).toEqual([])
    expect(localStorage.length).toBe(1)
  })
})
