// The report end to end: real Chromium, real posthog-js, the `firstparty dev` sink and its store, then
// `firstparty report` on that store. Five visitors from different creator links (and none), some signing up,
// some answering "how did you hear about us?".
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report/index.js'
import { startDevServer, type DevServer } from '../../src/server/dev.js'
import { launchChromium, visit, type Visit } from '../helpers/chromium.js'

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const site = fileURLToPath(new URL('../fixtures/report/site', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'fp-report-e2e-'))
const store = join(dir, 'events.ndjson')
const registry = join(dir, 'firstparty.links.json')
writeFileSync(
  registry,
  JSON.stringify({
    campaigns: [{ id: 'launch-week', name: 'Launch week', medium: 'affiliate', landing: 'https://acme.dev/' }],
    creators: [
      { id: 'theo', name: 'Theo Browne', platform: 'youtube', channel: 'influencer', code: 'theo', cost: 1000, currency: 'USD' },
      { id: 'priya', name: 'Priya Raman', platform: 'podcast', channel: 'influencer', code: 'priya', cost: 600, currency: 'USD' },
      { id: 'sam', name: 'Sam Quiet', platform: 'x', channel: 'influencer', code: 'sam', cost: 300, currency: 'USD' },
    ],
  }),
)

let browser: Browser
let dev: DevServer
const visits: Visit[] = []

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../dist/firstparty.global.js', import.meta.url))))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)')
  browser = await launchChromium()
  dev = await startDevServer({ port: 0, store, dir: site, print: false, registry })
})
afterAll(async () => {
  await browser?.close()
  await dev?.close()
})

const count = (name: string): number => dev.events.filter((e) => e.event === name).length
const waitForCount = (name: string, n: number): Promise<void> => expect.poll(() => count(name), { timeout: 20_000 }).toBe(n)
const ready = (page: Page): Promise<unknown> =>
  page.evaluate(() => (window as unknown as { analytics: { ready: Promise<unknown> } }).analytics.ready.then(() => true))

/** A new visitor (own cookies and storage) opening `path`. */
async function arrive(path: string, referer?: string): Promise<Page> {
  const v = await visit(browser)
  visits.push(v)
  await v.page.goto(`${dev.url}${path}`, referer ? { referer } : {})
  await ready(v.page)
  return v.page
}
async function signUp(page: Page): Promise<void> {
  const before = count('signup_completed')
  await page.fill('#signup input[name=email]', 'someone@example.com')
  await page.click('#signup button[type=submit]')
  await waitForCount('signup_completed', before + 1)
}
async function answer(page: Page, choice: string, detail: string): Promise<void> {
  const before = count('attribution_survey_answered')
  await page.selectOption('#survey select[name=answer]', choice)
  await page.fill('#survey input[name=detail]', detail)
  await page.click('#survey button[type=submit]')
  await waitForCount('attribution_survey_answered', before + 1)
}

const brief = (report: Report): string[] => report.rows.map((r) => `${r.key} ${r.kind} ${r.landings}/${r.visitors}/${r.signups} named:${r.selfReported}`)
async function report(...args: string[]): Promise<Report> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'report', store, '--registry', registry, '--format', 'json', ...args], {
    cwd: dir,
  })
  expect(stderr).toMatch(/^firstparty: \d+ events from 1 file\n$/)
  return JSON.parse(stdout) as Report
}

describe('firstparty report on a real dev store', () => {
  it('five visitors from creator links, search and direct', { timeout: 180_000 }, async () => {
    const link = (code: string): string => `/?utm_source=youtube&utm_medium=affiliate&utm_campaign=launch-week&ref=${code}`
    // 1. From Theo's video: signs up, names Theo in the survey.
    const one = await arrive(link('theo'))
    await signUp(one)
    await answer(one, 'youtube', 'Theo’s video about CLIs')
    // 2. From Theo's video too: only looks.
    await arrive(link('theo'))
    // 3. From Priya's link; comes back days later from Google and signs up then.
    const three = await arrive(link('priya'))
    await waitForCount('referral_landed', 3)
    await three.goto(`${dev.url}/`, { referer: 'https://www.google.com/' })
    await ready(three)
    await signUp(three)
    // 4. Types the address (direct), signs up, says it was Priya's podcast: dark social.
    const four = await arrive('/')
    await signUp(four)
    await answer(four, 'podcast', 'Priya Raman on her podcast')
    // 5. A code nobody registered.
    await arrive('/?ref=zed')
    await waitForCount('referral_landed', 4)
    // Every visitor's pageviews are in before the store is read.
    await expect.poll(() => new Set(dev.events.map((e) => e.properties.distinct_id)).size, { timeout: 20_000 }).toBe(5)
    for (const v of visits) {
      expect(v.foreign).toEqual([])
      expect(v.errors).toEqual([])
    }
  })

  it('first touch: exactly the expected rows', async () => {
    const first = await report('--model', 'first')
    expect(brief(first)).toEqual([
      'priya registered 1/1/1 named:1',
      'theo registered 2/2/1 named:1',
      'zed unregistered 1/1/0 named:0',
      'sam registered 0/0/0 named:0',
      '(direct) other 0/1/1 named:0',
    ])
    expect(first.rows[1]).toMatchObject({ name: 'Theo Browne', conversion: 0.5, cost: 1000, currency: 'USD', costPerSignup: 1000 })
    expect(first.unregistered).toEqual(['zed'])
    expect(first.totals).toMatchObject({ landings: 4, visitors: 5, signups: 3, untrackedSignups: 1, untrackedSignupsNamingSource: 1, darkSocialShare: 1 })
  })

  it('last touch: the search return takes Priya’s signup', async () => {
    const last = await report('--model', 'last')
    expect(brief(last)).toEqual([
      'theo registered 2/2/1 named:1',
      'priya registered 1/1/0 named:1',
      'zed unregistered 1/1/0 named:0',
      'sam registered 0/0/0 named:0',
      '(direct) other 0/1/1 named:0',
      '(organic_search) other 0/1/1 named:0',
    ])
    // By channel: Priya's last touch is search; the podcast answer names the influencer channel. Equal signups:
    // the better conversion first.
    const channels = await report('--model', 'last', '--by', 'channel')
    expect(brief(channels)).toEqual(['direct tracked 0/1/1 named:0', 'organic_search tracked 0/1/1 named:0', 'influencer tracked 4/4/1 named:1'])
  })

  it('the dev server shows the same report live at /_report', async () => {
    const cliReport = await report('--model', 'last')
    const live = (await (await fetch(`${dev.url}/_report?model=last&format=json`)).json()) as Report
    expect(live.rows).toEqual(cliReport.rows)
    expect(live.totals).toEqual(cliReport.totals)
    const v = await visit(browser)
    visits.push(v)
    await v.page.goto(`${dev.url}/_report?by=creator&model=first`)
    expect(await v.page.locator('h1').textContent()).toBe('Signups by creator, first touch, all dates')
    expect(await v.page.locator('svg rect').count()).toBeGreaterThanOrEqual(8)
    expect(await v.page.locator('tbody th').allTextContents()).toEqual([
      'priya · Priya Raman',
      'theo · Theo Browne',
      'zed (unregistered)',
      'sam · Sam Quiet',
      '(direct)',
    ])
    expect(await v.page.evaluate(() => document.scripts.length)).toBe(0)
    await v.page.click('text=campaign, first')
    expect(await v.page.locator('h1').textContent()).toBe('Signups by campaign, first touch, all dates')
    expect((await fetch(`${dev.url}/_report?by=week`)).status).toBe(400)
    expect(v.foreign).toEqual([])
  })
})
