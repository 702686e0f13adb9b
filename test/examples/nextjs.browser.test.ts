// The Next.js App Router example, built with `next build` and run with `next start`: guard in the root
// layout, CSP from buildCsp, /ingest proxied to "PostHog" (a local sink here), typed events from client components.
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCsp, type CspPolicy } from '../../src/csp/index.js'
import { createHandler, toNodeListener } from '../../src/server/index.js'
import type { StoredEvent } from '../../src/server/format.js'
import { launchChromium, visit } from '../helpers/chromium.js'
import { audit, ensureInstalled, exampleDir, freePort, headScripts, runOk, startServer, stopServer, waitForEvents } from './helpers.js'
import { sentTwice } from '../helpers/sink.js'

const dir = exampleDir('nextjs')
const env = { NEXT_TELEMETRY_DISABLED: '1' }
const next = `${dir}node_modules/next/dist/bin/next`
const events: StoredEvent[] = []
let posthog: Server
let app: ChildProcess | undefined
let url: string
let browser: Browser

beforeAll(async () => {
  await ensureInstalled(dir)
  await runOk(process.execPath, [next, 'build'], dir, env)
  // Stands in for PostHog Cloud: the route handler's proxy forwards /ingest/* here.
  posthog = createServer(
    toNodeListener(createHandler({ basePath: '/', onEvent: (e, m) => void events.push({ ...e, receivedAt: m.receivedAt.toISOString() }) })),
  )
  await new Promise<void>((resolve) => posthog.listen(0, '127.0.0.1', resolve))
  const upstream = `http://127.0.0.1:${(posthog.address() as AddressInfo).port}`
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  app = await startServer(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], dir, `${url}/pricing`, { ...env, POSTHOG_HOST: upstream })
  browser = await launchChromium()
}, 600_000)
afterAll(async () => {
  await browser?.close()
  await stopServer(app)
  if (posthog) {
    posthog.closeAllConnections()
    await new Promise((resolve) => posthog.close(resolve))
  }
})

describe('examples/nextjs build', () => {
  it('renders the guard as the first non-async script in <head> of the prerendered pages', () => {
    for (const name of ['index.html', 'pricing.html']) {
      const html = readFileSync(`${dir}.next/server/app/${name}`, 'utf8')
      // React hoists Next's own async chunks above the layout's <head> children; they run only after the
      // parser has run the guard, which blocks parsing until it has run.
      const blocking = headScripts(html).filter((s) => !/\basync\b/.test(s))
      expect(blocking[0], name).toMatch(/^<script data-allow="player\.vimeo\.com" src="\/firstparty\/guard\.js\?v=[0-9a-z]+">$/)
      // Loaded, not inlined: the guard's catalog is not repeated in the page or its RSC payload.
      expect(html).not.toContain('fbevents.js')
    }
  })

  it('serves the guard code at /firstparty/guard.js, cacheable for good', async () => {
    const res = await fetch(`${url}/firstparty/guard.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('javascript')
    expect(res.headers.get('cache-control')).toContain('immutable')
    expect(await res.text()).toContain('firstparty:blocked')
  })

  it('passes `firstparty audit` on the rendered HTML and the client chunks', async () => {
    const result = await audit(dir, ['.next/server/app', '.next/static'])
    expect(result.stdout).toContain('0 tracker findings')
    expect(result.code).toBe(0)
  })

  it('sends the CSP from buildCsp(firstparty.config.json) on every page', async () => {
    const policy = JSON.parse(readFileSync(`${dir}firstparty.config.json`, 'utf8')) as CspPolicy
    for (const path of ['/', '/pricing']) {
      const res = await fetch(url + path)
      expect(res.headers.get('content-security-policy'), path).toBe(buildCsp(policy))
    }
  })
})

describe('examples/nextjs in Chromium', () => {
  it('proxies pageviews (also on client-side navigation) and typed events to PostHog through /ingest', async () => {
    const v = await visit(browser)
    const csp: string[] = []
    v.page.on('console', (m) => m.text().includes('Content Security Policy') && csp.push(m.text()))
    await v.page.goto(`${url}/`)
    const [home] = await waitForEvents(events, (e) => e.event === '$pageview' && e.properties.$current_url === `${url}/`)
    await v.page.click('#cta')
    const [cta] = await waitForEvents(events, (e) => e.event === 'cta_clicked')
    expect(cta!.properties).toMatchObject({ cta: 'hero', page: '/', token: 'phc_example_token' })

    // A <Link> navigation is not a page load: firstparty's own history pageviews send this one (no component in the example),
    // with a $pageleave for the page left.
    await v.page.click('a[href="/pricing"]')
    const [pricing] = await waitForEvents(events, (e) => e.event === '$pageview' && e.properties.$current_url === `${url}/pricing`)
    expect(pricing!.properties.distinct_id).toBe(home!.properties.distinct_id)
    const [left] = await waitForEvents(events, (e) => e.event === '$pageleave' && e.properties.$current_url === `${url}/`)
    expect(left!.properties.distinct_id).toBe(home!.properties.distinct_id)
    await v.page.click('button[data-plan="team"]')
    const [plan] = await waitForEvents(events, (e) => e.event === 'plan_selected')
    expect(plan!.properties).toMatchObject({ plan: 'team', billing: 'yearly' })
    expect(plan!.properties.distinct_id).toBe(home!.properties.distinct_id)
    // Every request stayed on the site's origin, and the CSP did not break the page.
    expect(v.requests.every((r) => r.url().startsWith(url))).toBe(true)
    expect(v.foreign).toEqual([])
    expect(csp).toEqual([])
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('with posthog-js held back 3 s, as on a phone: a <Link> click before it loads still sends both pageviews and the $pageleave', async () => {
    const v = await visit(browser)
    // posthog-js is a chunk of the site's own build here; the test recognises it by content (over 100 kB, naming
    // posthog-js), the way page.route holds the <script> build's file by name elsewhere.
    let released = false
    await v.page.route('**/_next/static/chunks/**', async (route) => {
      const response = await route.fetch()
      const body = await response.body()
      if (body.length > 100_000 && body.includes('posthog-js')) {
        await new Promise((r) => setTimeout(r, 3000))
        released = true
      }
      await route.fulfill({ response, body }).catch(() => {}) // the page may be gone by then
    })
    await v.page.goto(`${url}/?utm_source=newsletter&utm_campaign=link-journey`)
    // Once React has hydrated the link (before that it is a plain <a>, a full page load), click it.
    await v.page.waitForFunction(() => {
      const link = document.querySelector('a[href="/pricing"]')
      return !!link && Object.keys(link).some((key) => key.startsWith('__reactProps'))
    })
    const origin = await v.page.evaluate(() => performance.timeOrigin)
    await v.page.click('a[href="/pricing"]')
    await v.page.waitForURL('**/pricing')
    expect(released).toBe(false) // the navigation happened before posthog-js arrived
    expect(await v.page.evaluate(() => performance.timeOrigin)).toBe(origin) // client-side: the same document
    const [home] = await waitForEvents(events, (e) => e.event === '$pageview' && String(e.properties.$current_url).includes('link-journey'))
    const visitor = home!.properties.distinct_id
    const [pricing] = await waitForEvents(
      events,
      (e) => e.event === '$pageview' && e.properties.distinct_id === visitor && e.properties.$current_url === `${url}/pricing`,
    )
    const [left] = await waitForEvents(events, (e) => e.event === '$pageleave' && e.properties.distinct_id === visitor)
    expect(released).toBe(true)
    expect(String(left!.properties.$current_url)).toContain('link-journey') // the page left, not the next one
    // The session's campaign stays on the page reached client-side, as posthog-js itself would have it.
    expect(pricing!.properties).toMatchObject({ utm_source: 'newsletter', utm_campaign: 'link-journey', $pathname: '/pricing' })
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('runs the guard from the root layout: a tracker added later is refused and reported', async () => {
    const v = await visit(browser)
    await v.page.goto(`${url}/pricing`)
    expect(await v.page.evaluate(() => (window as unknown as { firstparty?: { guarded?: boolean } }).firstparty?.guarded)).toBe(true)
    await v.page.evaluate(() => {
      const s = document.createElement('script')
      s.src = 'https://connect.facebook.net/en_US/fbevents.js'
      document.head.append(s)
    })
    const [blocked] = await waitForEvents(events, (e) => e.event === 'tracker_blocked')
    expect(String(blocked!.properties.url)).toContain('connect.facebook.net')
    expect(v.foreign.filter((u) => u.includes('facebook'))).toEqual([])
    await v.context.close()
  })

  it('sent no event twice', () => {
    expect(events.filter((e) => e.uuid).length).toBeGreaterThan(3)
    expect(sentTwice(events)).toEqual([])
  })
})
