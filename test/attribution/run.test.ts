// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PostHog } from 'posthog-js'
import { attribute } from '../../src/attribution/run.js'
import { STORE_KEY } from '../../src/attribution/store.js'
import { afterInit } from '../../src/posthog/after-init.js'
import { resolveOptions } from '../../src/posthog/options.js'

type BeforeSend = (e: { event: string; $set?: Record<string, unknown>; $set_once?: Record<string, unknown> } | null) => unknown

/** Records what attribution asks of posthog-js (the browser test runs the real one). */
function recorder() {
  const registered: Record<string, unknown> = {}
  const captured: { event: string; properties: Record<string, unknown> }[] = []
  const config: { before_send?: BeforeSend | BeforeSend[] } = {}
  const ph = {
    config,
    register: (p: Record<string, unknown>) => Object.assign(registered, p),
    capture: (event: string, properties: Record<string, unknown>) => captured.push({ event, properties }),
    set_config: (c: typeof config) => Object.assign(config, c),
  } as unknown as PostHog
  return { ph, registered, captured, config }
}

const visit = (href: string, referrer = '', options = {}) => {
  const r = recorder()
  const { finish } = attribute(r.ph, options, { href, referrer, doc: document })
  finish()
  return r
}

beforeEach(() => {
  document.cookie = `${STORE_KEY}=; path=/; max-age=0`
  localStorage.clear()
})

describe('attribute', () => {
  it('first visit with a creator code: registers first/last touch and tracks referral_landed', () => {
    const r = visit('https://acme.dev/?utm_source=newsletter&utm_campaign=launch&ref=theo')
    expect(r.registered).toMatchObject({
      first_touch_ref: 'theo',
      first_touch_channel: 'influencer',
      last_touch_ref: 'theo',
      first_touch_utm_campaign: 'launch',
    })
    expect(r.captured).toEqual([
      { event: 'referral_landed', properties: expect.objectContaining({ ref: 'theo', channel: 'influencer', utm_source: 'newsletter' }) },
    ])
  })

  it('second visit from Hacker News keeps first touch, moves last touch to community', () => {
    visit('https://acme.dev/?ref=theo')
    const r = visit('https://acme.dev/', 'https://news.ycombinator.com/')
    expect(r.registered).toMatchObject({
      first_touch_ref: 'theo',
      first_touch_channel: 'influencer',
      last_touch_channel: 'community',
      last_touch_ref: null,
      last_touch_referrer_host: 'news.ycombinator.com',
    })
    expect(r.captured).toEqual([]) // a plain referral is not a campaign landing
  })

  it('a direct visit keeps both touches', () => {
    visit('https://acme.dev/?ref=theo')
    visit('https://acme.dev/', 'https://news.ycombinator.com/')
    const r = visit('https://acme.dev/pricing')
    expect(r.registered).toMatchObject({ first_touch_channel: 'influencer', last_touch_channel: 'community' })
  })

  it('a reload of the same landing does not track a second landed event', () => {
    visit('https://acme.dev/?utm_source=newsletter')
    const again = visit('https://acme.dev/?utm_source=newsletter')
    expect(again.captured).toEqual([])
    expect(visit('https://acme.dev/?utm_source=newsletter&utm_campaign=other').captured.map((c) => c.event)).toEqual(['campaign_landed'])
  })

  it('adds $set_once first touch and $set last touch to $identify, and only there', () => {
    const r = visit('https://acme.dev/?ref=theo')
    const steps = [r.config.before_send].flat() as BeforeSend[]
    const step = steps[steps.length - 1]!
    const identify = step({ event: '$identify', $set: { plan: 'pro' } }) as { $set: Record<string, unknown>; $set_once: Record<string, unknown> }
    expect(identify.$set_once).toMatchObject({ first_touch_ref: 'theo', first_touch_channel: 'influencer' })
    expect(identify.$set_once).not.toHaveProperty('first_touch_utm_source') // nulls never go to $set_once
    expect(identify.$set).toMatchObject({ plan: 'pro', last_touch_ref: 'theo' })
    expect(step({ event: 'cta_clicked' })).toEqual({ event: 'cta_clicked' })
    expect(step(null)).toBeNull()
  })

  it('keeps an existing before_send step first', () => {
    const r = recorder()
    const mine: BeforeSend = (e) => e
    r.config.before_send = mine
    attribute(r.ph, {}, { href: 'https://acme.dev/', referrer: '', doc: document })
    expect(([r.config.before_send].flat() as BeforeSend[])[0]).toBe(mine)
  })

  it('cleans the address bar only when asked', () => {
    const replace = vi.spyOn(history, 'replaceState')
    visit('https://acme.dev/p?utm_source=x&id=1')
    expect(replace).not.toHaveBeenCalled()
    visit('https://acme.dev/p?utm_source=x&id=1', '', { cleanUrl: true })
    expect(replace).toHaveBeenCalledWith(history.state, '', '/p?id=1')
    replace.mockRestore()
  })

  it('never throws, warns about bad options and keeps going', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const r = visit('https://acme.dev/?ref=theo', 'javascript:alert(1)', { ttlDays: -1, nope: true })
    expect(r.registered).toMatchObject({ first_touch_ref: 'theo' })
    expect(warn.mock.calls.flat().join('\n')).toMatch(/attribution\.ttlDays is invalid[\s\S]*attribution\.nope is not an option/)
    const broken = {
      config: {},
      register: () => {
        throw new Error('boom')
      },
    } as unknown as PostHog
    expect(() => attribute(broken, {}, { href: 'https://acme.dev/', referrer: '', doc: document }).finish()).not.toThrow()
    warn.mockRestore()
  })
})

describe('afterInit', () => {
  it('runs attribution by default and not with attribution: false', () => {
    history.replaceState(null, '', '/?ref=theo')
    const on = recorder()
    afterInit(on.ph, resolveOptions({ token: 'phc_x', debug: false }, false))()
    expect(on.registered).toMatchObject({ first_touch_ref: 'theo' })
    const off = recorder()
    afterInit(off.ph, resolveOptions({ token: 'phc_x', debug: false, attribution: false }, false))()
    expect(off.registered).toEqual({})
    const tuned = recorder()
    afterInit(tuned.ph, resolveOptions({ token: 'phc_x', debug: false, attribution: { cleanUrl: true } }, false))()
    expect(location.search).toBe('')
  })

  it('installs the development event check only with debug on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const quiet = recorder()
    afterInit(quiet.ph, resolveOptions({ token: 'phc_x', debug: false, attribution: false }, false))
    quiet.ph.capture('afterinit_quiet_unknown', {})
    const loud = recorder()
    afterInit(loud.ph, resolveOptions({ token: 'phc_x', debug: true, attribution: false }, false))
    loud.ph.capture('afterinit_loud_unknown', {})
    const warnings = warn.mock.calls.flat().join('\n')
    expect(warnings).not.toContain('afterinit_quiet_unknown')
    expect(warnings).toContain('track("afterinit_loud_unknown"): unknown event')
    expect(loud.captured.map((c) => c.event)).toEqual(['afterinit_loud_unknown'])
    warn.mockRestore()
  })
})
