// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../../src/posthog/client.js'
import { fakeLoader } from './fake-posthog.js'

const beacons: Array<{ url: string; body: string }> = []

beforeEach(() => {
  localStorage.clear()
  beacons.length = 0
  Object.defineProperty(navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, blob: Blob) => {
      void blob.text().then((body) => beacons.push({ url, body }))
      return true
    },
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  Reflect.deleteProperty(navigator, 'globalPrivacyControl')
})

const decodeBeacon = (body: string): { batch: Array<{ event: string; properties: Record<string, unknown>; timestamp: string }> } =>
  JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(decodeURIComponent(body.slice(5))), (c) => c.charCodeAt(0))))

describe('createClient queue', () => {
  it('replays calls made before posthog-js loaded, in order, with their original time', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 'phc_t', load: 'eager' }, loader)
    client.track('cta_clicked', { cta: 'hero' })
    client.identify('user-1', { plan: 'free' })
    client.track('signup_started')
    expect(ph.calls).toEqual([]) // nothing before load
    await client.ready
    expect(ph.calls.map((c) => [c[0], c[1]])).toEqual([
      ['init', 'phc_t'],
      ['capture', '$pageview'],
      ['capture', 'cta_clicked'],
      ['identify', 'user-1'],
      ['capture', 'signup_started'],
    ])
    const cta = ph.calls[2]!
    // With what posthog-js would have read from the page when it was tracked.
    expect(cta[2]).toMatchObject({ cta: 'hero', $current_url: location.href, $pathname: location.pathname, $referrer: '$direct' })
    expect((cta[3] as { timestamp: Date }).timestamp).toBeInstanceOf(Date)
  })

  it('sends directly once loaded', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 't', load: 'eager', capturePageview: false }, loader)
    await client.ready
    client.track('demo_requested', { company_size: '11-50' })
    expect(ph.calls.at(-1)).toEqual(['capture', 'demo_requested', { company_size: '11-50' }])
  })

  it('waits for an idle moment by default', async () => {
    const { loader, loads } = fakeLoader()
    const client = createClient({ token: 't' }, loader)
    expect(loads()).toBe(0)
    expect(await client.ready).toBeDefined()
    expect(loads()).toBe(1)
  })

  it('on pagehide before load, beacons queued events and does not replay them', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 'phc_t', load: 'idle', loadTimeout: 50 }, loader)
    client.track('cta_clicked', { cta: 'hero' })
    dispatchEvent(new Event('pagehide'))
    await vi.waitFor(() => expect(beacons).toHaveLength(1))
    expect(beacons[0]!.url).toBe('/ingest/e/?compression=base64')
    const { batch } = decodeBeacon(beacons[0]!.body)
    expect(batch.map((e) => e.event)).toEqual(['$pageview', 'cta_clicked', '$pageleave'])
    expect(batch[1]!.properties).toMatchObject({ cta: 'hero', token: 'phc_t', $lib: 'firstparty' })
    expect(typeof batch[1]!.properties.distinct_id).toBe('string')
    await client.ready
    expect(ph.calls.filter((c) => c[0] === 'capture')).toEqual([])
    // posthog-js adopts the id and the session the early events used
    expect(ph.config?.bootstrap).toEqual({ distinctID: batch[0]!.properties.distinct_id, isIdentifiedID: false, sessionID: batch[0]!.properties.$session_id })
  })

  it('flush() after load empties the posthog-js request queue', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 't', load: 'eager' }, loader)
    await client.ready
    client.flush()
    expect(ph.calls.at(-1)).toEqual(['unload'])
  })

  it('optOut before load drops the queue and is remembered', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 'phc_o', load: 'eager' }, loader)
    client.track('cta_clicked', { cta: 'x' })
    client.optOut()
    client.track('signup_started')
    await client.ready
    expect(ph.calls.map((c) => c[0])).toEqual(['init', 'opt_out_capturing'])
    expect(client.disabled).toBe('opted-out')
    const again = createClient({ token: 'phc_o', load: 'eager' }, fakeLoader().loader)
    expect(again.disabled).toBe('opted-out')
  })

  it('tracks guard blocks, including those from before init', async () => {
    ;(window as unknown as { firstparty: unknown }).firstparty = { blocked: [{ tracker: 'ga4', vector: 'script', url: 'https://www.googletagmanager.com/gtag/js', time: 1 }] }
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 't', load: 'eager', capturePageview: false }, loader)
    dispatchEvent(new CustomEvent('firstparty:blocked', { detail: { tracker: 'meta-pixel', vector: 'img', url: 'https://www.facebook.com/tr', time: 2 } }))
    await client.ready
    expect(ph.calls.filter((c) => c[0] === 'capture').map((c) => [c[1], (c[2] as { tracker: string }).tracker])).toEqual([
      ['tracker_blocked', 'ga4'],
      ['tracker_blocked', 'meta-pixel'],
    ])
    Reflect.deleteProperty(window, 'firstparty')
  })
})

describe('createClient refusals', () => {
  it('loads nothing under Global Privacy Control', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true })
    const { loader, loads } = fakeLoader()
    const client = createClient({ token: 't', load: 'eager' }, loader)
    client.track('cta_clicked', { cta: 'x' })
    expect(client.disabled).toBe('privacy-signal')
    expect(await client.ready).toBeUndefined()
    expect(loads()).toBe(0)
  })

  it('lets the site override privacy signals explicitly', () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true })
    expect(createClient({ token: 't', respectPrivacySignals: false, load: 'eager' }, fakeLoader().loader).disabled).toBeUndefined()
  })

  it('throws on bad options in debug mode, logs and stays inert otherwise', () => {
    expect(() => createClient({ token: 't', apihost: '/x', debug: true } as never, fakeLoader().loader)).toThrow(/unknown option "apihost"/)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const client = createClient({ token: '', debug: false }, fakeLoader().loader)
    expect(client.disabled).toBe('invalid-options')
    expect(error).toHaveBeenCalledWith(expect.stringContaining('[firstparty] init(): "token" must be'))
    expect(() => client.track('cta_clicked', { cta: 'x' })).not.toThrow()
  })

  it('reports a failed load and stops queueing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createClient({ token: 't', load: 'eager' }, () => Promise.reject(new Error('404')))
    expect(await client.ready).toBeUndefined()
    expect(client.disabled).toBe('load-failed')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('posthog-js failed to load'))
  })
})
