// Cross-domain journeys in real Chromium: marketing on acme.dev, signup on acme.app, both resolved to
// 127.0.0.1 by Chromium's --host-resolver-rules (nothing leaves the machine). .dev and .app are HSTS
// preloaded, so the server speaks https with a throwaway self-signed certificate made by openssl. The
// <script> build, the real posthog-js (delayed 3 s, as on a phone), firstparty's sink and readAttribution.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs, findChromium } from '../../src/audit/live/chromium.js'
import { createHandler, readAttribution, toNodeListener, toRequest, type Touches } from '../../src/server/index.js'
import type { CapturedEvent } from '../../src/server/decode.js'
import { USER_AGENT } from '../helpers/chromium.js'

const HOSTS = ['acme.dev', 'www.acme.dev', 'app.acme.dev', 'acme.app', 'evil.example']
const TOKEN = 'phc_xdomain_test'
const dist = (file: string): string => readFileSync(fileURLToPath(new URL(`../../dist/${file}`, import.meta.url)), 'utf8')

interface Seen {
  host: string
  event: CapturedEvent
}
const events: Seen[] = []
const signups: { host: string; touches: Touches }[] = []
let server: Server
let port = 0
let browser: Browser

const page = (crossDomain: string[], body: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>acme</title>
<script src="/firstparty.global.js"></script>
<script>window.analytics = firstparty.init({ token: '${TOKEN}', apiHost: '/ingest', attribution: { crossDomain: ${JSON.stringify(crossDomain)} } })</script>
</head><body>${body}</body></html>`

const landing = (app: string): string =>
  page(
    ['acme.app'],
    `<h1>Ship it</h1>
<a id="signup" href="https://${app}:${port}/signup?plan=pro#top">Sign up</a>
<form id="trial" action="https://${app}:${port}/signup" method="get"><input name="plan" value="team"><button>Start trial</button></form>`,
  )

const signup = page(
  ['acme.dev'],
  `<h1>Create your account</h1>
<form id="account"><input name="email" value="jane@example.com"><button>Create</button></form>
<script>
document.getElementById('account').addEventListener('submit', async (e) => {
  e.preventDefault()
  analytics.track('signup_completed', { method: 'email' })
  const r = await fetch('/api/signup', { method: 'POST', body: new FormData(e.target) })
  document.body.dataset.done = String(r.status)
})
</script>`,
)

beforeAll(async () => {
  // One sink per host, so each event records which site sent it.
  const sinks = new Map<string, ReturnType<typeof toNodeListener>>()
  const sinkFor = (host: string): ReturnType<typeof toNodeListener> => {
    if (!sinks.has(host))
      sinks.set(
        host,
        toNodeListener(createHandler({ mode: 'sink', basePath: '/ingest', log: () => {}, onEvent: (event) => void events.push({ host, event }) })),
      )
    return sinks.get(host)!
  }
  const dir = mkdtempSync(join(tmpdir(), 'fp-xdomain-'))
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=acme.dev',
      '-addext',
      `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  )
  const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }
  rmSync(dir, { recursive: true, force: true })
  server = createServer(tls, (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0]!
    const path = (req.url ?? '/').split('?')[0]!
    if (path.startsWith('/ingest')) return sinkFor(host)(req, res)
    if (path.startsWith('/firstparty.') && path.endsWith('.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      return res.end(dist(path.slice(1)))
    }
    if (path === '/api/signup' && req.method === 'POST') {
      signups.push({ host, touches: readAttribution(toRequest(req)) })
      req.resume()
      res.writeHead(201, { 'content-type': 'application/json' })
      return res.end('{}')
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    if (path === '/signup') return res.end(signup)
    if (host === 'www.acme.dev') return res.end(landing('app.acme.dev'))
    return res.end(landing('acme.app'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    ignoreDefaultArgs: ['--enable-automation'],
    args: [...chromiumArgs(), `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`],
  })
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

/** A visitor: one context (one cookie jar), posthog-js delayed 3 s on every page, nothing off the machine. */
async function visitor(): Promise<{ context: BrowserContext; tab: Page; errors: Error[] }> {
  const context = await browser.newContext({ userAgent: USER_AGENT, ignoreHTTPSErrors: true })
  await context.route(
    (url) => !HOSTS.includes(url.hostname) || url.port !== String(port),
    (route) => route.abort('blockedbyclient'),
  )
  await context.route('**/firstparty.posthog.js', async (route) => {
    await new Promise((r) => setTimeout(r, 3000))
    await route.continue()
  })
  const tab = await context.newPage()
  const errors: Error[] = []
  tab.on('pageerror', (e) => errors.push(e))
  return { context, tab, errors }
}

const ready = (tab: Page): Promise<string> =>
  tab.evaluate(() => (window as unknown as { analytics: { ready: Promise<{ get_distinct_id(): string }> } }).analytics.ready.then((ph) => ph.get_distinct_id()))
const sinkEvents = (test: (s: Seen) => boolean): Seen[] => events.filter(test)
const waitFor = async (test: (s: Seen) => boolean): Promise<Seen> => {
  await expect.poll(() => sinkEvents(test).length, { timeout: 25_000 }).toBeGreaterThan(0)
  return sinkEvents(test)[0]!
}
const signUp = async (tab: Page): Promise<void> => {
  await ready(tab)
  await tab.click('#account button')
  await tab.waitForSelector('body[data-done]')
}
const craft = (fields: string[]): string => fields.join('~')
const future = (ms: number): string => Math.round((Date.now() + ms) / 1000).toString(36)

describe('cross-domain attribution in real Chromium', { timeout: 90_000 }, () => {
  it('.dev → .app: the signup on acme.app carries the first touch from acme.dev and the same distinct id; the parameter leaves the address bar', async () => {
    const { context, tab, errors } = await visitor()
    await tab.goto(`https://acme.dev:${port}/?ref=theo&utm_source=youtube&utm_campaign=launch`)
    const devId = await ready(tab)
    await waitFor((s) => s.host === 'acme.dev' && s.event.event === 'referral_landed')

    await Promise.all([tab.waitForURL(`**/signup?plan=pro#top`, { waitUntil: 'load' }), tab.click('#signup')])
    // The parameter is gone from the address bar at once (the cross-domain module runs at init).
    await expect.poll(() => tab.url()).toBe(`https://acme.app:${port}/signup?plan=pro#top`)
    await signUp(tab)

    const done = await waitFor((s) => s.host === 'acme.app' && s.event.event === 'signup_completed')
    expect(done.event.properties).toMatchObject({
      distinct_id: devId,
      first_touch_ref: 'theo',
      first_touch_channel: 'influencer',
      first_touch_utm_campaign: 'launch',
      last_touch_ref: 'theo',
    })
    expect(String(done.event.properties.$current_url)).not.toContain('_fpx')
    // acme.dev is the site's own other domain: not a referral, and no second landing is reported.
    expect(done.event.properties.last_touch_channel).toBe('influencer')
    expect(sinkEvents((s) => s.host === 'acme.app' && s.event.event.endsWith('_landed'))).toEqual([])
    // The backend reads the same first touch from acme.app's own cookie.
    expect(signups.at(-1)).toMatchObject({ host: 'acme.app', touches: { first: { ref: 'theo', channel: 'influencer' } } })
    // Nothing personal or click-id-like travelled: the app's events never saw the parameter.
    expect(JSON.stringify(sinkEvents((s) => s.host === 'acme.app'))).not.toContain('_fpx')
    expect(errors).toEqual([])
    await context.close()
  })

  it('a fast clicker (before posthog-js loaded on acme.dev) keeps the same distinct id; a GET form carries the parameter as a field', async () => {
    const { context, tab, errors } = await visitor()
    const sent: string[] = []
    context.on('request', (r) => {
      if (r.url().includes('/signup?')) sent.push(r.url())
    })
    await tab.goto(`https://acme.dev:${port}/?utm_source=newsletter`)
    await expect.poll(() => tab.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('firstparty.cross-domain.js')))).toBe(true)
    const state = await tab.evaluate(() =>
      Promise.race([
        (window as unknown as { analytics: { ready: Promise<unknown> } }).analytics.ready.then(() => 'loaded'),
        new Promise((r) => setTimeout(() => r('pending'), 0)),
      ]),
    )
    expect(state).toBe('pending')
    await tab.click('#trial button')
    await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://acme.app:${port}/signup?plan=team`)
    const carried = new URL(sent[0]!).searchParams.get('_fpx')!.split('~')[2]
    expect(carried).toMatch(/^[0-9a-f-]{36}$/)
    await signUp(tab)
    const done = await waitFor((s) => s.host === 'acme.app' && s.event.event === 'signup_completed' && s.event.properties.distinct_id === carried)
    expect(done.event.properties.distinct_id).toBe(carried)
    // …and it is the id acme.dev keeps for this visitor.
    await tab.goto(`https://acme.dev:${port}/`)
    expect(await tab.evaluate((token) => localStorage.getItem(`fp_${token}_early_id`), TOKEN)).toBe(carried)
    expect(errors).toEqual([])
    await context.close()
  })

  it.each([
    ['expired', (id: string) => `${craft(['1', future(-60_000), id, ''])}`, `https://acme.dev:${port}/`],
    ['issued far in the future', (id: string) => craft(['1', future(3_600_000), id, '']), `https://acme.dev:${port}/`],
    ['another version', (id: string) => craft(['2', future(60_000), id, '']), `https://acme.dev:${port}/`],
    ['oversized', (id: string) => craft(['1', future(60_000), id, 'x'.repeat(3000)]), `https://acme.dev:${port}/`],
    ['forged on a foreign site (referrer evil.example)', (id: string) => craft(['1', future(60_000), id, '']), `https://evil.example:${port}/`],
    ['pasted in the address bar (no referrer)', (id: string) => craft(['1', future(60_000), id, '']), ''],
  ])('a parameter %s is ignored and still removed', async (_name, value, referer) => {
    const forgedId = `forged-${Math.random().toString(36).slice(2, 12)}`
    const { context, tab, errors } = await visitor()
    const touch = encodeURIComponent(
      JSON.stringify({
        first: { utm: { utm_source: 'forged' }, ref: 'mallory', clickIds: [], paid: false, channel: 'influencer', landingPath: '/', timestamp: Date.now() },
      }),
    )
    const v = value(forgedId).replace(/~$/, `~${touch}`)
    await tab.goto(`https://acme.app:${port}/signup?_fpx=${v}&plan=pro`, referer ? { referer } : {})
    await expect.poll(() => tab.url()).toBe(`https://acme.app:${port}/signup?plan=pro`)
    const id = await ready(tab)
    expect(id).not.toBe(forgedId)
    await signUp(tab)
    const done = await waitFor((s) => s.host === 'acme.app' && s.event.event === 'signup_completed' && s.event.properties.distinct_id === id)
    expect(done.event.properties.first_touch_ref ?? null).toBeNull()
    expect(signups.at(-1)!.touches.first?.ref).toBeUndefined()
    expect(errors).toEqual([])
    await context.close()
  })

  it('the same forged-looking value with the real referrer is adopted (the negative cases above can fail)', async () => {
    const id = `genuine-${Math.random().toString(36).slice(2, 12)}`
    const { context, tab } = await visitor()
    await tab.goto(`https://acme.app:${port}/signup?_fpx=${craft(['1', future(60_000), id, ''])}`, { referer: `https://acme.dev:${port}/` })
    expect(await ready(tab)).toBe(id)
    await context.close()
  })

  it('www. → app. on one registrable domain still works through the shared cookie', async () => {
    const { context, tab, errors } = await visitor()
    await tab.goto(`https://www.acme.dev:${port}/?ref=primeagen`)
    const id = await ready(tab)
    await Promise.all([tab.waitForURL('**/signup?plan=pro#top', { waitUntil: 'load' }), tab.click('#signup')])
    expect(tab.url()).toBe(`https://app.acme.dev:${port}/signup?plan=pro#top`)
    await signUp(tab)
    const done = await waitFor((s) => s.host === 'app.acme.dev' && s.event.event === 'signup_completed')
    expect(done.event.properties).toMatchObject({ distinct_id: id, first_touch_ref: 'primeagen' })
    const cookies = await context.cookies()
    expect(cookies.find((c) => c.name === 'fp_touch')?.domain).toBe('.acme.dev')
    expect(errors).toEqual([])
    await context.close()
  })
})
