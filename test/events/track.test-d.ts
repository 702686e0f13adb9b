import { describe, expectTypeOf, it } from 'vitest'
import type { Client, EventArgs, EventName, Events } from '../../src/index.js'

// Declaration merging, exactly as a site does it (here against src; the dist check is augment.test.ts).
declare module '../../src/index.js' {
  interface Events {
    typetest_plan_upgraded: { plan: 'pro' | 'team'; seats: number }
    typetest_docs_searched: { query_length: number } | undefined
    typetest_ping: undefined
  }
}

declare const analytics: Client

describe('track', () => {
  it('accepts catalog events with their properties', () => {
    analytics.track('cta_clicked', { cta: 'hero' })
    analytics.track('cta_clicked', { cta: 'hero', page: '/', href: '/signup' })
    analytics.track('signup_completed')
    analytics.track('signup_completed', { method: 'github', plan: 'pro' })
    analytics.track('attribution_survey_answered', { answer: 'podcast', detail: 'Syntax' })
    analytics.track('demo_requested', { company_size: '11-50' })
    analytics.track('$pageview')
    analytics.track('tracker_blocked', { tracker: 'meta-pixel', vector: 'src', url: 'https://connect.facebook.net/en_US/fbevents.js', time: 1 })
  })

  it('rejects unknown names, missing, mistyped and extra properties', () => {
    // @ts-expect-error misspelled event name
    analytics.track('cta_click', { cta: 'hero' })
    // @ts-expect-error plain strings are not event names
    analytics.track('cta_clicked' as string, { cta: 'hero' })
    // @ts-expect-error required properties missing
    analytics.track('cta_clicked')
    // @ts-expect-error required property missing
    analytics.track('cta_clicked', { page: '/' })
    // @ts-expect-error wrong property type
    analytics.track('cta_clicked', { cta: 42 })
    // @ts-expect-error extra property (a PII guard: no `email` slipping in)
    analytics.track('signup_completed', { method: 'email', email: 'a@b.co' })
    // @ts-expect-error value outside the union
    analytics.track('signup_completed', { method: 'carrier-pigeon' })
    // @ts-expect-error survey answers are a fixed set
    analytics.track('attribution_survey_answered', { answer: 'tiktok' })
    // @ts-expect-error landed events are firstparty's and need the touch
    analytics.track('referral_landed', { channel: 'influencer' })
  })

  it('accepts events added by declaration merging', () => {
    analytics.track('typetest_plan_upgraded', { plan: 'team', seats: 5 })
    analytics.track('typetest_docs_searched')
    analytics.track('typetest_docs_searched', { query_length: 3 })
    analytics.track('typetest_ping')
    // @ts-expect-error merged events are checked too
    analytics.track('typetest_plan_upgraded', { plan: 'enterprise', seats: 5 })
    // @ts-expect-error and need their required properties
    analytics.track('typetest_plan_upgraded')
    // @ts-expect-error an event declared as `undefined` takes no properties
    analytics.track('typetest_ping', { x: 1 })
  })

  it('computes the argument tuple from the declared shape', () => {
    expectTypeOf<EventArgs<'cta_clicked'>>().toEqualTypeOf<[properties: Events['cta_clicked']]>()
    expectTypeOf<EventArgs<'signup_completed'>>().toEqualTypeOf<[properties?: Exclude<Events['signup_completed'], undefined>]>()
    expectTypeOf<EventArgs<'typetest_ping'>>().toEqualTypeOf<[properties?: never]>()
    expectTypeOf<'typetest_plan_upgraded'>().toMatchTypeOf<EventName>()
    expectTypeOf<'not_an_event'>().not.toMatchTypeOf<EventName>()
    expectTypeOf<Events['referral_landed']['ref']>().toEqualTypeOf<string>()
  })
})
