import { describe, expect, it, vi } from 'vitest'
import type { PostHog } from 'posthog-js'
import { BUILTIN_EVENTS, SURVEY_CHANNELS, checkEvent, defineEvents } from '../../src/events/index.js'
import { checkCaptures } from '../../src/events/dev.js'

describe('checkEvent (development check)', () => {
  it.each([
    ['cta_clicked', { cta: 'hero' }],
    ['cta_clicked', { cta: 'hero', page: '/', $set: { plan: 'pro' } }],
    ['signup_completed', undefined],
    ['signup_completed', { method: 'github' }],
    ['attribution_survey_answered', { answer: 'podcast', detail: 'Syntax FM' }],
    ['$pageview', { title: 'x' }],
    ['tracker_blocked', { host: 'connect.facebook.net', whatever: 1 }],
    ['referral_landed', { channel: 'influencer', ref: 'theo', landing_path: '/', paid_click: false }],
  ])('accepts %s %j', (name, props) => {
    expect(checkEvent(name, props)).toEqual([])
  })

  it.each([
    ['cta_clik', { cta: 'x' }, /unknown event/],
    ['cta_clicked', undefined, /missing properties cta/],
    ['cta_clicked', { cta: 1 }, /"cta" must be string, got 1/],
    ['cta_clicked', { cta: 'x', email: 'a@b.co' }, /unknown property "email"/],
    ['signup_completed', { method: 'fax' }, /"method" must be "email" \| "google"/],
    ['attribution_survey_answered', { answer: 'tiktok' }, /"answer" must be/],
    ['attribution_survey_answered', {}, /"answer"/],
    ['cta_clicked', 'hero', /properties must be an object/],
    ['cta_clicked', [], /properties must be an object/],
    ['referral_landed', { channel: 'influencer', landing_path: '/', paid_click: 'no' }, /"paid_click" must be boolean/],
    ['referral_landed', { channel: 'influencer', landing_path: '/', paid_click: false }, /"ref" must be string, got undefined/],
    [42, {}, /event name must be a string/],
    ['toString', {}, /unknown event/],
  ])('flags %s %j', (name, props, problem) => {
    expect(checkEvent(name, props).join('\n')).toMatch(problem)
  })

  it('rejects NaN and Infinity for numbers', () => {
    defineEvents({ checktest_n: { props: { n: 'number' } } })
    expect(checkEvent('checktest_n', { n: Number.NaN })).toHaveLength(1)
    expect(checkEvent('checktest_n', { n: 3 })).toEqual([])
  })

  it('learns site events from defineEvents', () => {
    expect(checkEvent('checktest_plan', { plan: 'pro' })[0]).toMatch(/unknown event/)
    defineEvents({ checktest_plan: { props: { plan: { oneOf: ['pro', 'team'] }, seats: 'number?', tags: 'string[]?' } } })
    expect(checkEvent('checktest_plan', { plan: 'pro', tags: ['a'] })).toEqual([])
    expect(checkEvent('checktest_plan', { plan: 'gold', tags: [1] })).toHaveLength(2)
  })

  it('mirrors the whole built-in catalog at runtime', () => {
    expect(Object.keys(BUILTIN_EVENTS).sort()).toEqual([
      '$pageview',
      'attribution_survey_answered',
      'campaign_landed',
      'cta_clicked',
      'demo_requested',
      'newsletter_subscribed',
      'referral_landed',
      'signup_completed',
      'signup_started',
      'tracker_blocked',
    ])
  })

  it('keeps the runtime mirror in step with the survey answers', () => {
    expect(BUILTIN_EVENTS.attribution_survey_answered.props.answer.oneOf).toBe(SURVEY_CHANNELS)
  })
})

describe('checkCaptures', () => {
  it('warns about bad captures, skips posthog-js internals, still sends everything', () => {
    const sent: string[] = []
    const ph = {
      capture: (name: string) => {
        sent.push(name)
      },
    } as unknown as PostHog
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    checkCaptures(ph)
    ph.capture('checkcaptures_unknown', {})
    ph.capture('$identify', { $anon_distinct_id: 'x' })
    ph.capture('cta_clicked', { cta: 'hero' })
    expect(sent).toEqual(['checkcaptures_unknown', '$identify', 'cta_clicked'])
    const warnings = warn.mock.calls.flat().join('\n')
    expect(warnings).toMatch(/\[firstparty\] track\("checkcaptures_unknown"\): unknown event/)
    expect(warnings).not.toMatch(/identify|cta_clicked/)
    warn.mockRestore()
  })
})
