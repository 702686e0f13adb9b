// The audit's own Chromium launcher (product code, so not the test helper): a system Chromium
// driven by playwright-core, which is loaded only when a live audit runs.
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { UsageError } from '../errors.js'

/** Where Chromium/Chrome usually lives on Linux and macOS; `$CHROMIUM` and `$CHROME_PATH` win. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

/**
 * Find a Chromium binary: the explicit path, else `$CHROMIUM`/`$CHROME_PATH`, else the usual install paths.
 *
 * @example findChromium() // '/usr/bin/chromium' on Debian
 */
export function findChromium(explicit?: string): string {
  if (explicit) {
    if (!existsSync(explicit)) throw new UsageError(`--chromium ${explicit}: no such file`)
    return explicit
  }
  const found = [process.env.CHROMIUM, process.env.CHROME_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p))
  if (!found) throw new UsageError('no Chromium found: install it (Debian: apt-get install chromium) or pass --chromium <path>')
  return found
}

/** Flags for a quiet, reproducible browser: no background traffic of its own that would blur the audit. */
export function chromiumArgs(): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  return [
    // Chromium refuses to start as root with its sandbox; elsewhere keep the sandbox.
    ...(root ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-blink-features=AutomationControlled',
  ]
}

/**
 * Launch headless Chromium for a live audit.
 *
 * @example const browser = await launchAuditBrowser({ chromium: '/usr/bin/chromium' })
 */
export async function launchAuditBrowser(options: { chromium?: string } = {}): Promise<Browser> {
  const executablePath = findChromium(options.chromium)
  let playwright: typeof import('playwright-core')
  try {
    playwright = await import('playwright-core')
  } catch {
    throw new UsageError('the live audit needs playwright-core: npm install --save-dev playwright-core')
  }
  try {
    return await playwright.chromium.launch({
      executablePath,
      headless: true,
      // Sites see navigator.webdriver === false, as for a real visitor; some hide trackers from bots.
      ignoreDefaultArgs: ['--enable-automation'],
      args: chromiumArgs(),
    })
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
    throw new UsageError(`cannot start Chromium at ${executablePath}: ${first}`)
  }
}

/** A desktop Chrome user agent: "HeadlessChrome" makes some sites (and posthog-js) behave differently. */
export const AUDIT_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'
