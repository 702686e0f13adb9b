// Real headless Chromium for browser tests: Debian's `chromium` driven by playwright-core.
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core'

/** A normal desktop Chrome user agent: posthog-js drops events from "HeadlessChrome". */
export const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'

/** Path of the Chromium binary: $CHROMIUM, else the Debian package's. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error('Chromium not found: install Debian "chromium" (apt-get install chromium) or set $CHROMIUM')
  return found
}

/** Launch headless Chromium with this machine's closed-network flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Without --enable-automation navigator.webdriver is false, as for a real visitor.
    ignoreDefaultArgs: ['--enable-automation'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-blink-features=AutomationControlled',
    ],
  })
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
