// Real visitor journeys (issue #13) in real Chromium against the dev server's sink, with the real
// posthog-js arriving late: the test holds every posthog-js chunk for ~3 s, as a phone on a slow
// network would. Each test asserts what PostHog would receive, at the sink.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs } from '../../src/audit/live/chromium.js'
import { startDevServer, type DevServer } from '../../src/server/dev.js'
import type { StoredEvent } from '../../src/server/format.js'
import { chromiumPath, USER_AGENT } from '../helpers/chromium.js'
import { sentTwice } from '../helpers/sink.js'

const fixtures = fileURLToPath(new URL('../fixtures/journeys/', import.meta.url))
const DELAY = 3000
// The early part (firstparty.early.js) comes from the same origin right after the critical path: one round trip on a phone.
const EARLY_DELAY = 300
let browser: Browser
let site: DevServer
const errors: Error[] = []
const foreign: string[] = []

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../dist/firstparty.global.js', import.meta.url)))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)')
  }
  site = await startDevServer({ port: 0, store: false, print: false, dir: fixtures })
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    ignoreDefaultArgs: ['--enable-automation', '--disable-back-forward-cache'],
    // www.acme.test and app.acme.test are this machine: two subdomains of one site, nothing leaves it.
    args: [...chromiumArgs(), '--host-resolver-rules=MAP *.acme.test 127.0.0.1'],
  })
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

const port = (): string => new URL(site.url).port
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * A fresh visitor: own cookies and storage, a normal user agent, posthog-js held back by DELAY and the
 * early part (fetched at init, beside the critical path) by a phone's round trip.
 */
async function visitor(options: Record<string, unknown> = {}, init = '', delay = DELAY, earlyDelay = EARLY_DELAY): Promise<BrowserContext> {
  const context = await browser.newContext({ userAgent: USER_AGENT })
  await context.addInitScript(`window.journeyOptions = ${JSON.stringify(options)};${init}`)
  await context.route('**/firstparty/firstparty.posthog*.js', async (route) => {
    await sleep(delay)
    await route.continue().catch(() => {}) // the page may be gone by then
  })
  await context.route('**/firstparty/firstparty.early.js', async (route) => {
    await sleep(earlyDelay)
    await route.continue().catch(() => {})
  })
  await context.route(
    (url) => !['127.0.0.1', 'www.acme.test', 'app.acme.test'].includes(url.hostname),
    (route) => {
      foreign.push(route.request().url())
      return route.abort('blockedbyclient')
    },
  )
  context.on('page', (page) => page.on('pageerror', (e) => errors.push(e)))
  return context
}

const ready = (page: Page): Promise<unknown> =>
  page.evaluate(() => (window as unknown as { analytics: { ready: Promise<unknown> } }).analytics.ready.then(() => true))
/** The visitor's anonymous id once posthog-js is there: the events sent before it used the same one. */
const visitorId = (page: Page): Promise<string> =>
  page.evaluate(() =>
    (window as unknown as { analytics: { ready: Promise<{ get_distinct_id(): string }> } }).analytics.ready.then((ph) => ph.get_distinct_id()),
  )

/** Events of one visitor at the sink, once `count` of them match. */
async function received(id: string, test: (e: StoredEvent) => boolean, count = 1): Promise<StoredEvent[]> {
  const mine = (): StoredEvent[] => site.events.filter((e) => e.properties.distinct_id === id && test(e))
  try {
    await expect.poll(() => mine().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count)
  } catch (error) {
    // What this visitor's events at the sink were, so a failure says which one is missing.
    const seen = site.events.filter((e) => e.properties.distinct_id === id).map((e) => `${e.event} ${path(e)}${e.properties.$early ? ' (early)' : ''}`)
    throw new Error(`${(error as Error).message}\nthe sink has for ${id}: ${JSON.stringify(seen)}`, { cause: error })
  }
  return mine()
}
const named =
  (name: string) =>
  (e: StoredEvent): boolean =>
    e.event === name
const path = (e: StoredEvent): string => String(e.properties.$pathname)

describe('journeys with posthog-js arriving late', { timeout: 60_000 }, () => {
  it('fast clicker: lands from a creator link, clicks "Sign up" before posthog-js loaded; the signup carries the creator', async () => {
    const context = await visitor()
    const page = await context.newPage()
    await page.goto(`${site.url}/?ref=theo&utm_source=youtube`)
    // Stored synchronously by init, before posthog-js was even requested.
    expect((await context.cookies()).find((c) => c.name === 'fp_landing')?.value).toContain('theo')
    await Promise.all([page.waitForURL('**/signup.html'), page.click('#signup')])
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('firstparty.posthog')))).toBe(false)
    const id = await visitorId(page)
    await page.click('button[type=submit]')

    const [signup] = await received(id, named('signup_completed'))
    expect(signup!.properties).toMatchObject({
      method: 'email',
      $lib: 'web',
      first_touch_ref: 'theo',
      first_touch_utm_source: 'youtube',
      first_touch_channel: 'influencer',
      first_touch_landing_path: '/',
      last_touch_ref: 'theo',
    })
    const [landed] = await received(id, named('referral_landed'))
    expect(landed!.properties).toMatchObject({ ref: 'theo', utm_source: 'youtube', channel: 'influencer', landing_path: '/' })
    // The landing page's own pageview left with the page (beacon), with its campaign, in the same session.
    const [landingView] = await received(id, (e) => e.event === '$pageview' && path(e) === '/')
    expect(landingView!.properties).toMatchObject({ $lib: 'firstparty', utm_source: 'youtube', $referrer: '$direct' })
    const [signupView] = await received(id, (e) => e.event === '$pageview' && path(e) === '/signup.html')
    expect(signupView!.properties.$session_id).toBe(landingView!.properties.$session_id)
    // posthog-js on page 2 took the landing as this person's initial one and the session's campaign.
    await expect.poll(() => site.events.some((e) => e.event === '$identify' && e.properties.$anon_distinct_id === id), { timeout: 20_000 }).toBe(true)
    const identify = site.events.find((e) => e.event === '$identify' && e.properties.$anon_distinct_id === id)
    expect(identify!.$set_once).toMatchObject({ $initial_utm_source: 'youtube', $initial_pathname: '/', first_touch_ref: 'theo' })
    expect(signup!.properties.utm_source).toBe('youtube')
    // Processed once, then forgotten.
    expect((await context.cookies()).find((c) => c.name === 'fp_landing')).toBeUndefined()
    await sleep(500)
    expect(site.events.filter((e) => e.properties.distinct_id === id && e.event === 'referral_landed')).toHaveLength(1)
    await context.close()
  })

  it('bouncer: lands from a newsletter, leaves after 600 ms; the beacon carries what posthog-js would have sent', async () => {
    const context = await visitor()
    const page = await context.newPage()
    await page.goto(`${site.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=launch-bounce&gclid=Cj0KCQ123&email=jane%40example.com`, {
      referer: 'https://mail.google.com/mail/u/0/',
    })
    await sleep(600)
    // Chromium does not always report an unload beacon to the page's request events: the sink is the witness.
    await page.goto('about:blank')

    await expect.poll(() => site.events.some((e) => e.properties.utm_campaign === 'launch-bounce'), { timeout: 20_000 }).toBe(true)
    const id = String(site.events.find((e) => e.properties.utm_campaign === 'launch-bounce')!.properties.distinct_id)
    const [view] = await received(id, named('$pageview'))
    const url = `${site.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=launch-bounce&gclid=<masked>&email=<masked>`
    expect(view!.properties).toMatchObject({
      $lib: 'firstparty',
      token: 'phc_journeys',
      title: 'Acme — landing',
      $current_url: url,
      $host: new URL(site.url).host,
      $pathname: '/',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'launch-bounce',
      utm_content: null,
      utm_term: null,
      gclid: '<masked>',
      $referrer: 'https://mail.google.com/mail/u/0/',
      $referring_domain: 'mail.google.com',
    })
    // A UUIDv7 session id, as posthog-js's own: PostHog counts the bounce as a session of this campaign.
    expect(view!.properties.$session_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(view!.$set_once).toMatchObject({
      $initial_utm_source: 'newsletter',
      $initial_utm_medium: 'email',
      $initial_gclid: '<masked>',
      $initial_referrer: 'https://mail.google.com/mail/u/0/',
      $initial_referring_domain: 'mail.google.com',
      $initial_current_url: url,
      $initial_pathname: '/',
    })
    const [leave] = await received(id, named('$pageleave'))
    expect(leave!.properties).toMatchObject({ $current_url: url, utm_source: 'newsletter', $session_id: view!.properties.$session_id })
    // The click id and the address never left the page.
    expect(JSON.stringify(site.events.filter((e) => e.properties.distinct_id === id))).not.toMatch(/Cj0KCQ123|jane/)
    await sleep(DELAY + 500)
    expect(site.events.filter((e) => e.properties.distinct_id === id && e.properties.$lib === 'web')).toEqual([])
    await context.close()
  })

  it('bouncer gone before even the early part arrived: nothing is sent, the landing is still kept for a return visit', async () => {
    // The limit of moving the beacon off the critical path, measured rather than assumed: a visitor who leaves
    // within one round trip of the page cannot be beaconed; the first touch survives in the landing cookie.
    const context = await visitor({}, '', DELAY, 2_000)
    const page = await context.newPage()
    const before = site.events.length
    await page.goto(`${site.url}/?utm_source=newsletter&utm_campaign=too-fast`, { referer: 'https://mail.google.com/' })
    expect((await context.cookies()).find((c) => c.name === 'fp_landing')?.value).toContain('too-fast')
    await page.goto('about:blank')
    await sleep(2_500)
    expect(site.events.slice(before).filter((e) => e.properties.utm_campaign === 'too-fast')).toEqual([])
    // Back later, staying this time: the campaign of the first landing is reported from the kept landing.
    const back = await context.newPage()
    await back.goto(`${site.url}/pricing.html`)
    await ready(back)
    const id = await visitorId(back)
    const [landed] = await received(id, named('campaign_landed'))
    expect(landed!.properties).toMatchObject({ utm_campaign: 'too-fast' })
    await context.close()
  })

  it('client-side navigation: a $pageview per new path, a $pageleave for the page left, all queued before posthog-js', async () => {
    // Longer hold: six navigations must all happen before posthog-js arrives, even on a busy machine.
    const context = await visitor({}, '', 2 * DELAY)
    const page = await context.newPage()
    await page.goto(`${site.url}/spa.html?utm_source=podcast`)
    await page.click('a[href="/spa/pricing"]')
    await page.click('#filter') // replaceState to the same path: no navigation
    await page.click('#faq') // hash only: no navigation by default
    await page.click('a[href="/spa/docs?tab=cli"]')
    // A visitor sees the page before going back: the router has rendered it and the history watcher has looked
    // (its check runs a timer tick after the pushState; a timer set now runs after it). Back within that tick would
    // be one URL change, from pricing to pricing (CI caught Playwright doing it: docs then had no $pageview).
    await page.waitForFunction(() => document.title === 'SPA — docs')
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 10)))
    await page.goBack() // popstate back to /spa/pricing
    await page.waitForFunction(() => location.pathname === '/spa/pricing')
    await sleep(50)
    expect(
      await page.evaluate(() =>
        performance.getEntriesByType('resource').some((r) => r.name.includes('firstparty.posthog') && (r as PerformanceResourceTiming).responseEnd > 0),
      ),
    ).toBe(false)
    const id = await visitorId(page)

    const byTime = (a: StoredEvent, b: StoredEvent): number => Date.parse(String(a.timestamp)) - Date.parse(String(b.timestamp))
    // In the order they happened, each with the time it happened (requests may arrive in any order).
    const views = (await received(id, named('$pageview'), 4)).sort(byTime)
    expect(views.map(path)).toEqual(['/spa.html', '/spa/pricing', '/spa/docs', '/spa/pricing'])
    expect(views.every((e) => e.properties.$lib === 'web')).toBe(true)
    // Each with its own URL and title, and the session's campaign from the landing.
    expect(views[2]!.properties).toMatchObject({ $current_url: `${site.url}/spa/docs?tab=cli`, title: 'SPA — docs', utm_source: 'podcast' })
    const leaves = (await received(id, named('$pageleave'), 3)).sort(byTime)
    expect(leaves.slice(0, 3).map(path)).toEqual(['/spa.html', '/spa/pricing', '/spa/docs'])
    expect(leaves[1]!.properties.$current_url).toBe(`${site.url}/spa/pricing?filter=1#faq`)

    // Once posthog-js is there, navigations go straight out; the $pageleave is still the page left, not the
    // address bar's new one (posthog-js would read that).
    await page.click('a[href="/spa.html"]')
    const [home] = await received(id, (e) => e.event === '$pageview' && path(e) === '/spa.html' && e !== views[0])
    expect(home!.properties).toMatchObject({ $lib: 'web', title: 'SPA — home' })
    const [leftAfterLoad] = await received(id, (e) => e.event === '$pageleave' && !leaves.includes(e))
    expect(leftAfterLoad!.properties).toMatchObject({ $lib: 'web', $current_url: `${site.url}/spa/pricing?filter=1#faq`, $pathname: '/spa/pricing' })
    await context.close()
  })

  it("capturePageview: 'hash' counts hash-only navigations", async () => {
    const context = await visitor({ capturePageview: 'hash' })
    const page = await context.newPage()
    await page.goto(`${site.url}/spa.html`)
    await page.click('#filter') // replaceState to the same path and hash: still no navigation
    await page.click('#faq')
    const id = await visitorId(page)
    const views = await received(id, named('$pageview'), 2)
    expect(views.map((e) => e.properties.$current_url)).toEqual([`${site.url}/spa.html`, `${site.url}/spa.html?filter=1#faq`])
    await sleep(300)
    expect(site.events.filter((e) => e.properties.distinct_id === id && e.event === '$pageview')).toHaveLength(2)
    await context.close()
  })

  it('www. to app.: the creator of a landing on www. is on the signup on app., even before posthog-js loaded on www.', async () => {
    const context = await visitor()
    const page = await context.newPage()
    await page.goto(`http://www.acme.test:${port()}/?ref=theo&utm_campaign=launch`)
    await Promise.all([page.waitForURL(`http://app.acme.test:${port()}/signup.html`), page.click('#app')])
    const appId = await visitorId(page)
    await page.click('button[type=submit]')
    const [signup] = await received(appId, named('signup_completed'))
    expect(signup!.properties).toMatchObject({
      $host: `app.acme.test:${port()}`,
      first_touch_ref: 'theo',
      first_touch_utm_campaign: 'launch',
      first_touch_channel: 'influencer',
      // www. is the same site: not a referral that would replace the creator as last touch.
      last_touch_ref: 'theo',
      last_touch_channel: 'influencer',
    })
    expect(signup!.properties.last_touch_referrer_host ?? null).toBeNull()
    const cookie = (await context.cookies()).find((c) => c.name === 'fp_touch')
    expect(cookie?.domain).toBe('.acme.test')
    const landed = site.events.filter((e) => e.properties.distinct_id === appId && e.event === 'referral_landed')
    expect(landed).toHaveLength(1)
    await context.close()
  })

  it('a reload within 30 minutes is the same visit: one campaign_landed', async () => {
    const context = await visitor()
    const page = await context.newPage()
    await page.goto(`${site.url}/?utm_source=newsletter&utm_campaign=spring`)
    await page.reload() // before posthog-js loaded
    const id = await visitorId(page)
    await page.reload() // after
    await ready(page)
    const views = await received(id, named('$pageview'), 3)
    // Three page loads, three pageviews: none lost on the way out, none sent twice.
    await sleep(1000)
    expect(new Set(views.map((e) => e.uuid)).size).toBe(3)
    expect(site.events.filter((e) => e.properties.distinct_id === id && e.event === '$pageview')).toHaveLength(3)
    const [landed] = await received(id, named('campaign_landed'))
    expect(landed!.properties).toMatchObject({ utm_source: 'newsletter', utm_campaign: 'spring', channel: 'email' })
    await sleep(1000)
    expect(site.events.filter((e) => e.properties.distinct_id === id && e.event === 'campaign_landed')).toHaveLength(1)
    await context.close()
  })

  it('leaves the moment posthog-js arrives: what was queued goes out with the page, once', async () => {
    const context = await visitor()
    const page = await context.newPage()
    await page.goto(`${site.url}/?utm_source=newsletter&utm_campaign=leave`)
    await page.click('#cta') // queued: posthog-js is held back
    // In the same task as the replay, before any timer of posthog-js's could send it.
    const id = await page.evaluate(() =>
      (window as unknown as { analytics: { ready: Promise<{ get_distinct_id(): string }> } }).analytics.ready.then((ph) => {
        location.href = '/pricing.html'
        return ph.get_distinct_id()
      }),
    )
    await page.waitForURL('**/pricing.html')
    await ready(page)
    const views = await received(id, named('$pageview'), 2)
    await received(id, named('cta_clicked'))
    await received(id, named('campaign_landed'))
    await sleep(1000)
    const mine = site.events.filter((e) => e.properties.distinct_id === id)
    expect(mine.filter(named('$pageview')).map(path).sort()).toEqual(['/', '/pricing.html'])
    expect(mine.filter(named('cta_clicked'))).toHaveLength(1)
    expect(new Set(mine.map((e) => e.uuid)).size).toBe(mine.length)
    expect(views.find((e) => path(e) === '/')!.properties).toMatchObject({ utm_campaign: 'leave' })
    await context.close()
  })

  it('two tabs: one visitor, one landing reported, both tabs carry the first touch', async () => {
    const context = await visitor()
    const landing = await context.newPage()
    await landing.goto(`${site.url}/?ref=priya`)
    const other = await context.newPage()
    await other.goto(`${site.url}/pricing.html`)
    const id = await visitorId(landing)
    expect(await visitorId(other)).toBe(id)
    const views = await received(id, named('$pageview'), 2)
    expect(views.map(path).sort()).toEqual(['/', '/pricing.html'])
    expect(views.every((e) => e.properties.first_touch_ref === 'priya')).toBe(true)
    await received(id, named('referral_landed'))
    await sleep(1000)
    expect(site.events.filter((e) => e.properties.distinct_id === id && e.event === 'referral_landed')).toHaveLength(1)
    await context.close()
  })

  it('back/forward cache: a restored page sends nothing twice and keeps tracking', async () => {
    const context = await visitor()
    // A production host lets pages into the back/forward cache; the dev server's no-store would keep them out.
    await context.route(
      (url) => url.pathname === '/' || url.pathname.endsWith('.html'),
      async (route) => {
        const response = await route.fetch()
        const headers = { ...response.headers() }
        delete headers['cache-control']
        await route.fulfill({ response, headers })
      },
    )
    const page = await context.newPage()
    await page.goto(`${site.url}/?utm_source=bfcache`)
    const id = await visitorId(page)
    await received(id, named('campaign_landed'))
    await Promise.all([page.waitForURL('**/pricing.html'), page.click('#pricing')])
    await page.goBack({ waitUntil: 'commit' }) // a restored page fires no load event
    await page.waitForFunction(() => (window as unknown as { restoredFromCache?: number }).restoredFromCache === 1)
    await page.click('#cta')
    const [cta] = await received(id, (e) => e.event === 'cta_clicked' && e.properties.cta === 'hero')
    expect(cta!.properties).toMatchObject({ $lib: 'web', first_touch_utm_source: 'bfcache' })
    await sleep(500)
    const mine = site.events.filter((e) => e.properties.distinct_id === id)
    expect(mine.filter((e) => e.event === '$pageview' && path(e) === '/')).toHaveLength(1)
    expect(mine.filter((e) => e.event === 'campaign_landed')).toHaveLength(1)
    await context.close()
  })

  it('a visitor with Global Privacy Control: nothing stored, nothing loaded, nothing sent', async () => {
    const context = await visitor({}, `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })`)
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(`${site.url}/?ref=gpc-visitor&utm_source=youtube`)
    await Promise.all([page.waitForURL('**/signup.html'), page.click('#signup')])
    await page.click('button[type=submit]')
    await page.evaluate(() => history.pushState({}, '', '/elsewhere-gpc'))
    await sleep(DELAY + 1000)
    await page.goto('about:blank')
    await sleep(500)
    expect(await context.cookies()).toEqual([])
    await page.goto(`${site.url}/pricing.html`)
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([])
    expect(requests.filter((u) => u.includes('/ingest') || u.includes('firstparty.posthog'))).toEqual([])
    expect(JSON.stringify(site.events)).not.toMatch(/gpc-visitor|elsewhere-gpc/)
    await context.close()
  })

  it('stayed on this machine, threw nothing, and sent no event twice', () => {
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
    expect(site.events.filter((e) => e.uuid).length).toBeGreaterThan(20)
    expect(sentTwice(site.events)).toEqual([])
  })
})
