// The Vite example, built from its own folder: the guard first in every page, a clean audit, and events
// from its pages arriving at a local sink in real Chromium.
import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../src/server/dev.js'
import { launchChromium, visit } from '../helpers/chromium.js'
import { audit, ensureInstalled, exampleDir, headScripts, runOk, waitForEvents } from './helpers.js'
import { sentTwice } from '../helpers/sink.js'

const dir = exampleDir('vite-site')
const page = (name: string): string => readFileSync(`${dir}dist/${name}`, 'utf8')
let browser: Browser
let site: DevServer

beforeAll(async () => {
  await ensureInstalled(dir)
  await runOk('npm', ['run', 'build'], dir)
  // The built output served as static files, with the capture sink at /ingest (what `vite preview` does too).
  site = await startDevServer({ port: 0, store: false, print: false, dir: `${dir}dist` })
  browser = await launchChromium()
}, 600_000)
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('examples/vite-site build', () => {
  it.each(['index.html', 'pricing.html'])('%s has the guard as the first script in <head>, right after <meta charset>', (name) => {
    const html = page(name)
    const scripts = headScripts(html)
    expect(scripts[0]).toBe('<script data-allow="player.vimeo.com">')
    // Vite's module script comes after it.
    expect(scripts.slice(1).some((s) => s.includes('type="module"'))).toBe(true)
    expect(html).toMatch(/<head>\s*<meta charset="utf-8"><script data-allow=/)
  })

  it('passes `firstparty audit` with no findings', async () => {
    const result = await audit(dir, ['dist'])
    expect(result.stdout).toContain('0 tracker findings')
    expect(result.code).toBe(0)
  })
})

describe('examples/vite-site in Chromium', () => {
  it('sends pageviews and typed events from both pages to /ingest on its own origin', async () => {
    const v = await visit(browser)
    await v.page.goto(`${site.url}/`)
    const [home] = await waitForEvents(site.events, (e) => e.event === '$pageview' && e.properties.$current_url === `${site.url}/`)
    await v.page.click('#cta')
    const [cta] = await waitForEvents(site.events, (e) => e.event === 'cta_clicked')
    expect(cta!.properties).toMatchObject({ cta: 'hero', page: '/', token: 'phc_example_token' })

    await v.page.click('a[href="/pricing.html"]')
    await waitForEvents(site.events, (e) => e.event === '$pageview' && String(e.properties.$current_url).endsWith('/pricing.html'))
    await v.page.click('button[data-plan="pro"]')
    const [plan] = await waitForEvents(site.events, (e) => e.event === 'plan_selected')
    expect(plan!.properties).toMatchObject({ plan: 'pro', billing: 'yearly' })
    // One visitor across pages.
    expect(plan!.properties.distinct_id).toBe(home!.properties.distinct_id)
    expect(v.foreign).toEqual([])
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('runs the guard: a tracker added later is refused and reported as tracker_blocked', async () => {
    const v = await visit(browser)
    await v.page.goto(`${site.url}/pricing.html`)
    expect(await v.page.evaluate(() => (window as unknown as { firstparty?: { guarded?: boolean } }).firstparty?.guarded)).toBe(true)
    await v.page.evaluate(() => {
      const s = document.createElement('script')
      s.src = 'https://www.googletagmanager.com/gtag/js?id=G-TEST123'
      document.head.append(s)
    })
    const [blocked] = await waitForEvents(site.events, (e) => e.event === 'tracker_blocked')
    expect(String(blocked!.properties.url)).toContain('googletagmanager.com')
    // Refused before any request: the route that aborts foreign requests never saw it.
    expect(v.foreign.filter((u) => u.includes('googletagmanager'))).toEqual([])
    await v.context.close()
  })

  it('sent no event twice', () => {
    expect(site.events.filter((e) => e.uuid).length).toBeGreaterThan(3)
    expect(sentTwice(site.events)).toEqual([])
  })
})
