import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../src/server/dev.js'
import type { StoredEvent } from '../../src/server/format.js'
import { launchChromium, visit, type Visit } from '../helpers/chromium.js'

const fixtures = fileURLToPath(new URL('../fixtures/posthog/', import.meta.url))
let browser: Browser
let demo: DevServer
let pages: DevServer
const visits: Visit[] = []

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../dist/firstparty.global.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)')
  }
  browser = await launchChromium()
  demo = await startDevServer({ port: 0, store: false, print: false })
  pages = await startDevServer({ port: 0, store: false, print: false, dir: fixtures })
})
afterAll(async () => {
  await browser?.close()
  await demo?.close()
  await pages?.close()
})

async function open(server: DevServer, path: string, init?: string, holdPostHog = 0, holdEarly = 0): Promise<Visit> {
  const v = await visit(browser)
  visits.push(v)
  if (init) await v.page.addInitScript(init)
  // The early part held back too: a page left at once is then surely gone before it arrives (a local server is
  // otherwise fast enough to deliver it while the navigation starts).
  if (holdEarly)
    await v.page.route('**/firstparty/firstparty.early.js', async (route) => {
      await new Promise((r) => setTimeout(r, holdEarly))
      await route.continue().catch(() => {})
    })
  // posthog-js held back as on a phone, for journeys that must happen before it arrives.
  if (holdPostHog)
    await v.page.route('**/firstparty/firstparty.posthog*.js', async (route) => {
      await new Promise((r) => setTimeout(r, holdPostHog))
      await route.continue().catch(() => {})
    })
  await v.page.goto(server.url + path)
  return v
}

const waitFor = async (server: DevServer, test: (e: StoredEvent) => boolean, count = 1): Promise<StoredEvent[]> => {
  await expect.poll(() => server.events.filter(test).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count)
  return server.events.filter(test)
}

describe('the demo page with the real posthog-js', () => {
  it('sends a pageview and a custom event with its properties through /ingest', async () => {
    const v = await open(demo, '/?utm_source=newsletter&email=bob%40example.com&token=s3cret')
    const [pageview] = await waitFor(demo, (e) => e.event === '$pageview')
    expect(pageview!.properties).toMatchObject({ $lib: 'web', token: 'phc_demo_token', title: 'Acme CLI — ship faster' })
    // Secrets and emails never leave the page.
    expect(pageview!.properties.$current_url).toBe(`${demo.url}/?utm_source=newsletter&email=<masked>&token=<masked>`)
    await v.page.evaluate(() => (window as unknown as { analytics: { ready: Promise<unknown> } }).analytics.ready)
    await v.page.click('#cta')
    const [cta] = await waitFor(demo, (e) => e.event === 'cta_clicked')
    expect(cta!.properties).toMatchObject({ cta: 'hero', page: '/', $lib: 'web' })
    expect(cta!.properties.distinct_id).toBe(pageview!.properties.distinct_id)
    expect(v.errors).toEqual([])
  })

  it('loads posthog-js from the site itself, after the page is interactive', async () => {
    const v = await open(demo, '/pricing.html')
    await waitFor(demo, (e) => e.event === '$pageview' && String(e.properties.$current_url).endsWith('/pricing.html'))
    const urls = v.requests.map((r) => r.url())
    const posthogAt = urls.findIndex((u) => u.endsWith('/firstparty/firstparty.posthog.js'))
    expect(posthogAt).toBeGreaterThan(urls.findIndex((u) => u.endsWith('/style.css')))
    const timing = await v.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      const ph = performance.getEntriesByType('resource').find((r) => r.name.includes('firstparty.posthog.js'))
      return { domInteractive: nav.domInteractive, loadEnd: nav.loadEventEnd, posthogStart: ph?.startTime ?? -1 }
    })
    expect(timing.posthogStart).toBeGreaterThanOrEqual(timing.loadEnd)
  })
})

describe('the queue', () => {
  it('delivers events tracked before posthog-js loaded, in order', async () => {
    const v = await open(pages, '/queue.html')
    expect(await v.page.evaluate(() => (window as unknown as { trackedBeforeLoad: boolean }).trackedBeforeLoad)).toBe(true)
    // They may arrive in separate requests; PostHog orders by timestamp (then by the time-ordered UUIDv7), so that
    // is the order that must be the order they were tracked in.
    const arrived = await waitFor(pages, (e) => String(e.properties.cta).startsWith('early-'), 2)
    const early = [...arrived].sort((a, b) => Date.parse(String(a.timestamp)) - Date.parse(String(b.timestamp)) || String(a.uuid).localeCompare(String(b.uuid)))
    expect(early.map((e) => e.properties.cta)).toEqual(['early-1', 'early-2'])
    expect(early.every((e) => e.properties.$lib === 'web')).toBe(true)
    // Their timestamps are when they were tracked, not when posthog-js got round to sending them.
    const [pageview] = await waitFor(pages, (e) => e.event === '$pageview' && String(e.properties.$current_url).endsWith('/queue.html'))
    expect(Date.parse(String(early[0]!.timestamp))).toBeGreaterThanOrEqual(Date.parse(String(pageview!.timestamp)))
  })

  it('delivers an event tracked right before leaving, before posthog-js loaded (the pagehide beacon)', async () => {
    const v = await open(pages, '/leave.html?soon', undefined, 3000)
    await v.page.waitForURL('**/next.html')
    const [left] = await waitFor(pages, (e) => e.properties.cta === 'left-soon')
    expect(left!.properties).toMatchObject({ $lib: 'firstparty', token: 'phc_test', $early: true })
    expect(left!.properties.$current_url).toBe(`${pages.url}/leave.html?soon`)
  })

  it('an event tracked while leaving at once, before the early part arrived, is sent by the next page, as it was', async () => {
    const tracked = Date.now()
    const v = await open(pages, '/leave.html?now', undefined, 0, 1000)
    await v.page.waitForURL('**/next.html')
    const [left] = await waitFor(pages, (e) => e.properties.cta === 'left-early')
    expect(left!.properties).toMatchObject({ $lib: 'firstparty', token: 'phc_test', $current_url: `${pages.url}/leave.html?now`, $pathname: '/leave.html' })
    // Its own time, not the next page's; and taken once: nothing is left in storage.
    expect(Date.parse(String(left!.timestamp))).toBeGreaterThanOrEqual(tracked - 1000)
    expect(Date.parse(String(left!.timestamp))).toBeLessThanOrEqual(await v.page.evaluate(() => Math.ceil(performance.timeOrigin)))
    await expect.poll(() => v.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fp_pending_')))).toEqual([])
  })

  it('leaving at once to a page without firstparty: the event waits in storage for the next visit (the limit, measured)', async () => {
    const v = await open(pages, '/leave.html?now&plain', undefined, 0, 1000)
    await v.page.waitForURL('**/next-plain.html')
    const kept = await v.page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([k]) => k.startsWith('fp_pending_phc_test_'))
        .map(([, value]) => JSON.parse(value)),
    )
    expect(kept.flat().map((e: { event: string; properties: { cta?: string } }) => [e.event, e.properties.cta])).toEqual([['cta_clicked', 'left-early']])
  })

  it('delivers an event tracked right before leaving, after posthog-js loaded', async () => {
    const v = await open(pages, '/leave.html')
    await v.page.waitForURL('**/next.html')
    const [left] = await waitFor(pages, (e) => e.properties.cta === 'left-after-load')
    expect(left!.properties.$lib).toBe('web')
  })
})

describe('privacy', () => {
  it('with Global Privacy Control on, nothing is loaded or sent', async () => {
    const before = demo.events.length
    const v = await open(demo, '/', `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })`)
    await v.page.waitForLoadState('load')
    await v.page.click('#cta')
    await v.page.waitForTimeout(1500) // give a wrongly loaded posthog-js time to send; nothing may arrive
    expect(v.requests.map((r) => r.url()).filter((u) => u.includes('/ingest') || u.includes('firstparty.posthog'))).toEqual([])
    expect(demo.events.length).toBe(before)
  })
})

describe('the network', () => {
  it('no request left for any host but 127.0.0.1', () => {
    expect(visits.length).toBeGreaterThan(0)
    expect(visits.flatMap((v) => v.foreign)).toEqual([])
    expect(visits.flatMap((v) => v.requests.map((r) => new URL(r.url()).hostname)).filter((h) => h !== '127.0.0.1')).toEqual([])
  })
})
