// Attribution end to end: real Chromium, the demo page, the real posthog-js, the dev server's sink.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../src/server/dev.js'
import type { StoredEvent } from '../../src/server/format.js'
import { launchChromium, visit, type Visit } from '../helpers/chromium.js'

let browser: Browser
let demo: DevServer
let v: Visit

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../dist/firstparty.global.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)')
  }
  browser = await launchChromium()
  demo = await startDevServer({ port: 0, store: false, print: false })
  v = await visit(browser)
})
afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

const waitFor = async (test: (e: StoredEvent) => boolean, count = 1): Promise<StoredEvent[]> => {
  await expect.poll(() => demo.events.filter(test).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count)
  return demo.events.filter(test)
}
const ready = (): Promise<unknown> => v.page.evaluate(() => (window as unknown as { analytics: { ready: Promise<unknown> } }).analytics.ready.then(() => true))
const follow = async (link: string, url: string): Promise<void> => {
  await Promise.all([v.page.waitForURL(url, { waitUntil: 'load' }), v.page.click(link)])
}
const path = (e: StoredEvent): string => new URL(String(e.properties.$current_url)).pathname

describe('referral attribution in a real browser', () => {
  it('a creator link: referral_landed, then signup_completed carries first touch theo/influencer', async () => {
    await v.page.goto(`${demo.url}/?utm_source=newsletter&utm_campaign=launch&ref=theo`)
    const [landed] = await waitFor((e) => e.event === 'referral_landed')
    expect(landed!.properties).toMatchObject({
      ref: 'theo',
      channel: 'influencer',
      utm_source: 'newsletter',
      utm_campaign: 'launch',
      landing_path: '/',
      paid_click: false,
      first_touch_ref: 'theo',
      first_touch_channel: 'influencer',
    })
    // The queued $pageview went out after attribution registered its properties, so it has them too.
    const [pageview] = await waitFor((e) => e.event === '$pageview' && path(e) === '/')
    expect(pageview!.properties).toMatchObject({ first_touch_ref: 'theo', last_touch_channel: 'influencer' })

    // Navigate inside the site: an internal referrer is not a new touch.
    await ready()
    await follow('a[href="/pricing.html"]', '**/pricing.html')
    const [pricing] = await waitFor((e) => e.event === '$pageview' && path(e) === '/pricing.html')
    expect(pricing!.properties).toMatchObject({ first_touch_ref: 'theo', last_touch_ref: 'theo', last_touch_channel: 'influencer' })
    await follow('a[href="/"]', `${demo.url}/`)
    await ready()

    await v.page.fill('#signup input[name=email]', 'jane@example.com')
    await v.page.click('#signup button[type=submit]')
    const [signup] = await waitFor((e) => e.event === 'signup_completed')
    expect(signup!.properties).toMatchObject({
      method: 'email',
      first_touch_ref: 'theo',
      first_touch_channel: 'influencer',
      first_touch_utm_campaign: 'launch',
      last_touch_ref: 'theo',
      last_touch_channel: 'influencer',
    })
    expect(JSON.stringify(signup)).not.toContain('jane@example.com')

    // Person properties: identify carries first touch as $set_once, last touch as $set.
    await v.page.evaluate(() => (window as unknown as { analytics: { identify(id: string): void } }).analytics.identify('user-42'))
    const [identify] = await waitFor((e) => e.event === '$identify')
    expect(identify!.$set_once).toMatchObject({ first_touch_ref: 'theo', first_touch_channel: 'influencer' })
    expect(identify!.$set).toMatchObject({ last_touch_ref: 'theo', last_touch_channel: 'influencer' })

    // Only one landing was reported although the landing page was loaded twice.
    expect(demo.events.filter((e) => e.event === 'referral_landed')).toHaveLength(1)
    const cookies = await v.context.cookies()
    expect(cookies.find((c) => c.name === 'fp_touch')).toMatchObject({ domain: '127.0.0.1', sameSite: 'Lax' })
  })

  it('a second visit from Hacker News keeps the first touch and moves the last touch to community', async () => {
    const page = await v.context.newPage()
    page.on('pageerror', (e) => v.errors.push(e))
    await page.goto(`${demo.url}/pricing.html`, { referer: 'https://news.ycombinator.com/' })
    expect(await page.evaluate(() => document.referrer)).toBe('https://news.ycombinator.com/')
    const [pageview] = await waitFor((e) => e.event === '$pageview' && path(e) === '/pricing.html' && e.properties.last_touch_channel === 'community')
    expect(pageview!.properties).toMatchObject({
      first_touch_ref: 'theo',
      first_touch_channel: 'influencer',
      last_touch_channel: 'community',
      last_touch_referrer_host: 'news.ycombinator.com',
      last_touch_landing_path: '/pricing.html',
    })
    expect(pageview!.properties.last_touch_ref ?? null).toBeNull()
    // A referral without campaign parameters is not a campaign landing.
    expect(demo.events.filter((e) => e.event === 'campaign_landed')).toHaveLength(0)
    await page.close()
  })

  it('stayed on 127.0.0.1 and threw nothing', () => {
    expect(v.foreign).toEqual([])
    expect(v.errors).toEqual([])
  })
})
