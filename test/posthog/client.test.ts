// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../../src/posthog/client.js'
import { fakeLoader } from './fake-posthog.js'

// The early part as the page gets it: its own module, fetched at init.
const early = () => import('../../src/posthog/early.js')
/** After the client's own handler of the early part ran (it was registered first). */
const arrived = async (): Promise<void> => {
  await early()
  await Promise.resolve()
}

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
    const client = createClient({ token: 'phc_t', load: 'eager' }, loader, early)
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
    // Without a batch key posthog-js sends a capture with options at once, outside the pagehide beacon
    // (journeys.browser.test.ts shows what that lost).
    expect(cta[3]).toMatchObject({ _batchKey: expect.stringMatching(/./) })
  })

  it('sends directly once loaded', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 't', load: 'eager', capturePageview: false }, loader, early)
    await client.ready
    client.track('demo_requested', { company_size: '11-50' })
    expect(ph.calls.at(-1)).toEqual(['capture', 'demo_requested', { company_size: '11-50' }])
  })

  it('waits for an idle moment by default', async () => {
    const { loader, loads } = fakeLoader()
    const client = createClient({ token: 't' }, loader, early)
    expect(loads()).toBe(0)
    expect(await client.ready).toBeDefined()
    expect(loads()).toBe(1)
  })

  it('on pagehide before load, beacons queued events and does not replay them', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 'phc_t', load: 'idle', loadTimeout: 50 }, loader, early)
    client.track('cta_clicked', { cta: 'hero' })
    await arrived() // the early part is fetched at init; it beacons
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
    const client = createClient({ token: 't', load: 'eager' }, loader, early)
    await client.ready
    client.flush()
    expect(ph.calls.at(-1)).toEqual(['unload'])
  })

  it('optOut before load drops the queue and is remembered', async () => {
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 'phc_o', load: 'eager' }, loader, early)
    client.track('cta_clicked', { cta: 'x' })
    client.optOut()
    client.track('signup_started')
    await client.ready
    expect(ph.calls.map((c) => c[0])).toEqual(['init', 'opt_out_capturing'])
    expect(client.disabled).toBe('opted-out')
    const again = createClient({ token: 'phc_o', load: 'eager' }, fakeLoader().loader, early)
    expect(again.disabled).toBe('opted-out')
  })

  it('tracks guard blocks, including those from before init', async () => {
    ;(window as unknown as { firstparty: unknown }).firstparty = {
      blocked: [{ tracker: 'ga4', vector: 'script', url: 'https://www.googletagmanager.com/gtag/js', time: 1 }],
    }
    const { loader, ph } = fakeLoader()
    const client = createClient({ token: 't', load: 'eager', capturePageview: false }, loader, early)
    // As the guard reports: kept in window.firstparty.blocked and dispatched, before and after the early part arrived.
    const report = (detail: { tracker: string }): void => {
      ;(window as unknown as { firstparty: { blocked: unknown[] } }).firstparty.blocked.push(detail)
      dispatchEvent(new CustomEvent('firstparty:blocked', { detail }))
    }
    report({ tracker: 'meta-pixel' })
    await arrived()
    report({ tracker: 'hotjar' })
    await client.ready
    expect(ph.calls.filter((c) => c[0] === 'capture').map((c) => [c[1], (c[2] as { tracker: string }).tracker])).toEqual([
      ['tracker_blocked', 'ga4'],
      ['tracker_blocked', 'meta-pixel'],
      ['tracker_blocked', 'hotjar'],
    ])
    Reflect.deleteProperty(window, 'firstparty')
  })
})

describe('createClient and its early part', () => {
  it('loads the build the early part picks for the options', async () => {
    const builds: string[] = []
    const { loader } = fakeLoader()
    const record = (build: string) => (builds.push(build), loader())
    await createClient({ token: 't', load: 'eager' }, record, early).ready
    await createClient({ token: 't', load: 'eager', autocapture: true }, record, early).ready
    await createClient({ token: 't', load: 'eager', surveys: true }, record, early).ready
    expect(builds).toEqual(['slim', 'standard', 'full'])
  })

  it('without its early part (a failed fetch) still loads posthog-js, the full build, and replays the queue', async () => {
    const builds: string[] = []
    const { loader, ph } = fakeLoader()
    const client = createClient(
      { token: 't', load: 'eager', capturePageview: false },
      (build) => (builds.push(build), loader()),
      () => Promise.reject(new Error('404')),
    )
    client.track('cta_clicked', { cta: 'hero' })
    await new Promise((r) => setTimeout(r)) // the failed fetch is known
    dispatchEvent(new Event('pagehide')) // nothing to beacon with, and no next page could send them: they stay queued
    expect(await client.ready).toBeDefined()
    expect(builds).toEqual(['full'])
    expect(beacons).toEqual([])
    expect(ph.calls.filter((c) => c[0] === 'capture').map((c) => [c[1], c[2]])).toEqual([['cta_clicked', { cta: 'hero' }]])
  })

  it('keeps the page of each early event as it was when captured, and parses it only when sending', async () => {
    const { loader, ph } = fakeLoader()
    history.replaceState(null, '', '/landing?utm_source=newsletter&email=a%40b.dev')
    const client = createClient({ token: 't', load: 'eager', capturePageview: false }, loader, early)
    client.track('cta_clicked', { cta: 'hero' })
    history.replaceState(null, '', '/pricing')
    await client.ready
    const [, , properties] = ph.calls.find((c) => c[0] === 'capture')!
    expect(properties).toMatchObject({ cta: 'hero', $pathname: '/landing', utm_source: 'newsletter' })
    // Masked at capture time (an email is personal data): the raw URL never reaches the queue.
    expect((properties as { $current_url: string }).$current_url).toMatch(/email=<masked>$/)
    history.replaceState(null, '', '/')
  })
})

describe('createClient refusals', () => {
  it('loads nothing under Global Privacy Control', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true })
    const { loader, loads } = fakeLoader()
    const client = createClient({ token: 't', load: 'eager' }, loader, early)
    client.track('cta_clicked', { cta: 'x' })
    expect(client.disabled).toBe('privacy-signal')
    expect(await client.ready).toBeUndefined()
    expect(loads()).toBe(0)
  })

  it('lets the site override privacy signals explicitly', () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true })
    expect(createClient({ token: 't', respectPrivacySignals: false, load: 'eager' }, fakeLoader().loader, early).disabled).toBeUndefined()
  })

  it('throws on bad options in debug mode, logs and stays inert otherwise', () => {
    expect(() => createClient({ token: 't', apihost: '/x', debug: true } as never, fakeLoader().loader, early)).toThrow(/unknown option "apihost"/)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const client = createClient({ token: '', debug: false }, fakeLoader().loader, early)
    expect(client.disabled).toBe('invalid-options')
    expect(error).toHaveBeenCalledWith(expect.stringContaining('[firstparty] init(): "token" must be'))
    expect(() => client.track('cta_clicked', { cta: 'x' })).not.toThrow()
  })

  it('reports a failed load and stops queueing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createClient({ token: 't', load: 'eager' }, () => Promise.reject(new Error('404')), early)
    expect(await client.ready).toBeUndefined()
    expect(client.disabled).toBe('load-failed')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('posthog-js failed to load'))
  })
})
