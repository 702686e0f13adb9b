// Real headless Chromium for browser tests: Debian's `chromium` driven by playwright-core, launched the
// way the live audit launches it (same binary lookup, flags and user agent).
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { AUDIT_USER_AGENT, findChromium, launchAuditBrowser } from '../../src/audit/live/chromium.js'

/** A normal desktop Chrome user agent: posthog-js drops events from "HeadlessChrome". */
export const USER_AGENT = AUDIT_USER_AGENT

/** Path of the Chromium binary: $CHROMIUM, else the Debian package's. */
export function chromiumPath(): string {
  return findChromium()
}

/** Launch headless Chromium with this machine's closed-network flags; navigator.webdriver is false. */
export function launchChromium(): Promise<Browser> {
  return launchAuditBrowser()
}

export interface Visit {
  context: BrowserContext
  page: Page
  /** Every request the page made, in order. */
  requests: Request[]
  /** Requests to any host other than 127.0.0.1/localhost (should stay empty). */
  foreign: string[]
  /** Uncaught page errors. */
  errors: Error[]
}

/**
 * A fresh context and page with a normal user agent. Requests to hosts other than 127.0.0.1 are
 * recorded in `foreign` and aborted, so a test never reaches the internet.
 */
export async function visit(browser: Browser, options: { userAgent?: string } = {}): Promise<Visit> {
  const context = await browser.newContext({ userAgent: options.userAgent ?? USER_AGENT })
  const page = await context.newPage()
  const requests: Request[] = []
  const foreign: string[] = []
  const errors: Error[] = []
  page.on('request', (r) => requests.push(r))
  page.on('pageerror', (e) => errors.push(e))
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => {
      foreign.push(route.request().url())
      return route.abort('blockedbyclient')
    },
  )
  return { context, page, requests, foreign, errors }
}
