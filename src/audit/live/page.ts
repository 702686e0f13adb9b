// Audits one page in a fresh browser context: load, interact, let late loaders fire, optionally
// accept consent, then read requests, cookies, localStorage keys and tracker globals.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Finding } from '../types.js'
import { AUDIT_USER_AGENT } from './chromium.js'
import { acceptConsent } from './consent.js'
import {
  allGlobals,
  allQueues,
  blockedFindings,
  corroborateGlobals,
  globalFindings,
  requestFindings,
  storageFindings,
  type GuardBlock,
  type PageRef,
  type RequestRecord,
} from './findings.js'
import { navigationProblem } from './problems.js'

/** Options of {@link auditPage}. */
export interface PageAuditOptions {
  allow: readonly string[]
  /** Window for late loaders after load, and again after consent, in ms. @default 10000 */
  wait: number
  /** Advance the page's clock through `wait` (fast, fires `setTimeout` loaders) instead of really waiting. @default true */
  fastForward: boolean
  /** Navigation timeout in ms. @default 30000 */
  timeout: number
  /** Click a consent "accept" button: `true` for known banners, or a CSS selector. @default false */
  acceptConsent: boolean | string
  /** Collect same-document links for crawling. */
  links: boolean
  /** Prepare each fresh context, e.g. route hosts to fixtures in tests. */
  setupContext?: (context: BrowserContext) => Promise<void> | void
}

/** What one page produced. */
export interface PageOutcome {
  url: string
  name: string
  findings: Finding[]
  /** Absolute link targets on the page (when `links` was asked for). */
  links: string[]
  /** Why the page could not be audited. */
  problem?: string
  /** Requests the page made, for the JSON report and debugging. */
  requests: RequestRecord[]
  /** Names of all cookies in the context at the end (`name@domain`). */
  cookies: string[]
  /** `localStorage` keys at the end. */
  storage: string[]
  /** What `--accept-consent` clicked, if anything. */
  consent?: string
}

/**
 * Audit one URL. Never throws for page-level failures: they come back as `problem`.
 *
 * @example const outcome = await auditPage(browser, 'http://127.0.0.1:8080/', 'index.html', options)
 */
export async function auditPage(browser: Browser, url: string, name: string, options: PageAuditOptions): Promise<PageOutcome> {
  const context = await browser.newContext({ userAgent: AUDIT_USER_AGENT, serviceWorkers: 'block' })
  const outcome: PageOutcome = { url, name, findings: [], links: [], requests: [], cookies: [], storage: [] }
  try {
    await options.setupContext?.(context)
    if (options.fastForward) await context.clock.install()
    const page = await context.newPage()
    const session = await record(context, page, outcome)
    const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeout }).catch((error: unknown) => error as Error)
    if (response instanceof Error) {
      outcome.problem = navigationProblem(response, options.timeout)
      return outcome
    }
    const status = response?.status() ?? 0
    if (status >= 400) {
      outcome.problem = `answered HTTP ${status}${response?.statusText() ? ` ${response.statusText()}` : ''}`
      return outcome
    }
    const ref: PageRef = { url: page.url(), name, allow: options.allow }
    await interact(page)
    await settle(page, session, options)
    await collect(context, page, ref, 'before-consent', outcome)
    if (options.acceptConsent) {
      // The click itself starts the loaders: label requests before it returns.
      session.phase = 'after-consent'
      const clicked = await acceptConsent(page, typeof options.acceptConsent === 'string' ? options.acceptConsent : undefined)
      if (!clicked) session.phase = 'before-consent'
      else {
        outcome.consent = clicked
        await settle(page, session, options)
        await collect(context, page, ref, 'after-consent', outcome)
      }
    }
    outcome.findings.unshift(...requestFindings(withChains(outcome.requests, session.initiators, ref.url), ref))
    outcome.findings = corroborateGlobals(outcome.findings)
    if (options.links) outcome.links = await links(page)
    return outcome
  } catch (error) {
    outcome.problem = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed'
    return outcome
  } finally {
    await context.close().catch(() => undefined)
  }
}

interface Session {
  phase: RequestRecord['phase']
  inflight: number
  lastActivity: number
  /** Request URL → URL of the script or document that started it (from CDP). */
  initiators: Map<string, string>
}

async function record(context: BrowserContext, page: Page, outcome: PageOutcome): Promise<Session> {
  const session: Session = { phase: 'before-consent', inflight: 0, lastActivity: Date.now(), initiators: new Map() }
  const touch = (): void => void (session.lastActivity = Date.now())
  page.on('request', (r) => {
    session.inflight++
    touch()
    outcome.requests.push({ url: r.url(), type: r.resourceType(), phase: session.phase, initiators: [] })
  })
  const done = (): void => {
    session.inflight = Math.max(0, session.inflight - 1)
    touch()
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  // Playwright does not expose initiators; the DevTools protocol does.
  const cdp = await context.newCDPSession(page)
  cdp.on('Network.requestWillBeSent', (e) => {
    // The script on top of the stack is the one that asked; `initiator.url` is often just the document.
    const from = e.initiator.stack?.callFrames.find((f) => f.url)?.url ?? e.initiator.stack?.parent?.callFrames.find((f) => f.url)?.url ?? e.initiator.url
    if (from && from !== e.request.url && !session.initiators.has(e.request.url)) session.initiators.set(e.request.url, from)
  })
  await cdp.send('Network.enable')
  return session
}

/** Follow initiators back to the page: gtag.js ← GTM ← page. */
function withChains(requests: RequestRecord[], initiators: Map<string, string>, pageUrl: string): RequestRecord[] {
  return requests.map((r) => {
    const chain: string[] = []
    let at = initiators.get(r.url)
    while (at && !chain.includes(at) && chain.length < 8) {
      chain.push(at)
      if (at === pageUrl) break
      at = initiators.get(at)
    }
    return { ...r, initiators: chain }
  })
}

/** What lazy loaders wait for: pointer movement, a key, scrolling to the bottom. */
async function interact(page: Page): Promise<void> {
  await page.mouse.move(40, 40).catch(() => undefined)
  await page.mouse.move(120, 160).catch(() => undefined)
  await page.keyboard.press('Shift').catch(() => undefined)
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 800).catch(() => undefined)
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight)).catch(() => undefined)
}

/** Let late loaders fire (clock fast-forward or real wait), then wait for the network to go quiet. */
async function settle(page: Page, session: Session, options: PageAuditOptions): Promise<void> {
  if (options.fastForward) {
    // Two hops: a timer set by a loader that itself ran late (consent → 8 s → load) also fires.
    await page.clock.fastForward(options.wait).catch(() => undefined)
    await quiet(session, 300, 3000)
    await page.clock.fastForward(options.wait).catch(() => undefined)
  } else {
    await page.waitForTimeout(options.wait)
  }
  await quiet(session, 500, 5000)
}

async function quiet(session: Session, idleMs: number, maxMs: number): Promise<void> {
  // Quiet for `idleMs` counted from the start of the wait too: a request just started (by the consent click, a
  // timer fast-forwarded) may not be reported yet on a busy machine, and an old last activity would end it at once.
  const start = Date.now()
  const until = start + maxMs
  while (Date.now() < until) {
    if (session.inflight === 0 && Date.now() - Math.max(session.lastActivity, start) >= idleMs) return
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function collect(context: BrowserContext, page: Page, ref: PageRef, phase: RequestRecord['phase'], outcome: PageOutcome): Promise<void> {
  const known = new Set(outcome.findings.map((f) => `${f.rule} ${f.subject.id} ${f.evidence.match}`))
  const cookies = (await context.cookies()).map((c) => ({ name: c.name, domain: c.domain, phase, kind: 'cookie' as const }))
  const keys = await page.evaluate(() => Object.keys(window.localStorage)).catch(() => [] as string[])
  const storage = keys.map((name) => ({ name, phase, kind: 'localStorage' as const }))
  const globals = await page.evaluate(presentGlobals, { names: allGlobals(), queues: allQueues() }).catch(() => [] as string[])
  const blocked = await page.evaluate(guardBlocks).catch(() => [] as GuardBlock[])
  outcome.cookies = cookies.map((c) => `${c.name}@${c.domain}`)
  outcome.storage = keys
  const fresh = [...storageFindings([...cookies, ...storage], ref), ...globalFindings(globals, phase, ref), ...blockedFindings(blocked, phase, ref)]
  outcome.findings.push(...fresh.filter((f) => !known.has(`${f.rule} ${f.subject.id} ${f.evidence.match}`)))
}

/**
 * Runs in the page: tracker globals that exist. firstparty's guard (`firstparty.guarded`) defines stubs so
 * site code calling `gtag()`/`fbq()` keeps working; its function stubs answer any property with another
 * stub, and its queue stubs are plain arrays. Those are the guard, not a tracker.
 */
function presentGlobals({ names, queues }: { names: string[]; queues: string[] }): string[] {
  const w = window as unknown as Record<string, unknown> & { firstparty?: { guarded?: boolean } }
  const guarded = w.firstparty?.guarded === true
  return names.filter((n) => {
    const value = w[n]
    if (typeof value === 'undefined') return false
    if (!guarded) return true
    if (Array.isArray(value) && queues.includes(n)) return false
    try {
      return !(typeof value === 'function' && typeof (value as unknown as Record<string, unknown>).__firstpartyAuditProbe === 'function')
    } catch {
      return true
    }
  })
}

/** Runs in the page: what firstparty's guard stopped (`window.firstparty.blocked`), as plain data. */
function guardBlocks(): GuardBlock[] {
  const list = (window as unknown as { firstparty?: { blocked?: unknown } }).firstparty?.blocked
  if (!Array.isArray(list)) return []
  return list.slice(0, 500).map((b: { tracker?: unknown; vector?: unknown; url?: unknown }) => ({
    tracker: String(b?.tracker ?? ''),
    vector: String(b?.vector ?? ''),
    url: String(b?.url ?? ''),
  }))
}

async function links(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href)).catch(() => [])
}
