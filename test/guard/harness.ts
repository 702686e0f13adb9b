// Real-Chromium harness for the guard: serves test/fixtures/guard, injects the guard snippet and/or the CSP
// header into each page, routes every tracker URL (by the catalog's matchUrl) to a local recorder.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildCsp } from '../../src/csp/index.js'
import { guardSnippet, type GuardSnippetOptions } from '../../src/guard/snippet.js'
import { startDevServer, type DevServer } from '../../src/server/dev.js'
import { matchUrl } from '../../src/trackers/index.js'
import type { BlockedReport } from '../../src/guard/core.js'
import { chromiumArgs } from '../../src/audit/live/chromium.js'
import { chromiumPath, visit } from '../helpers/chromium.js'

export const FIXTURES = fileURLToPath(new URL('../fixtures/guard/', import.meta.url))
export const GUARD_FILE = fileURLToPath(new URL('../../dist/guard.global.js', import.meta.url))

/** The embed host the fixture site allows; routed locally like a tracker, but recorded apart. */
export const ALLOWED_HOST = 'www.youtube-nocookie.com'
export const SITE: GuardSnippetOptions = { allow: [ALLOWED_HOST], posthog: { apiHost: '/ingest' } }

export type Mode = 'none' | 'guard' | 'csp' | 'both'
export const MODES: readonly Mode[] = ['none', 'guard', 'csp', 'both']

export interface Outcome {
  /** The page reached the end of its script (`window.__done`). */
  done: boolean
  /** Tracker URLs that left the page (reached the router). */
  hits: string[]
  /** Tracker code that executed: routed tracker scripts and fixture inline snippets push here. */
  ran: string[]
  blocked: BlockedReport[]
  errors: string[]
  /** Requests to the allowed embed host. */
  allowedHits: string[]
  /** Requests that escaped to the internet (must stay empty: the router catches them). */
  foreign: string[]
  page: Record<string, unknown>
}

const TRACKER_JS = "(window.__ran = window.__ran || []).push('script:' + (document.currentScript ? document.currentScript.src : '?'))"
const GIF = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64')

/**
 * Chromium as test/helpers/chromium.ts launches it, plus a host resolver rule so that a WebSocket to a
 * tracker host (which page.route cannot intercept) fails locally instead of resolving a real name.
 */
export function launchGuardBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ignoreDefaultArgs: ['--enable-automation'],
    args: [...chromiumArgs(), '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  })
}

export async function startSite(): Promise<DevServer> {
  return startDevServer({ port: 0, store: false, print: false, dir: FIXTURES })
}

// Read once: other builds may clear dist/ while the suite runs.
let source = ''
const guardSource = (): string => (source ||= readFileSync(GUARD_FILE, 'utf8'))

/** Load one fixture page under a protection mode and collect what happened. */
export async function run(
  browser: Browser,
  server: DevServer,
  page: string,
  mode: Mode,
  site: GuardSnippetOptions = SITE,
  hold?: (page: Page) => Promise<unknown>,
): Promise<Outcome> {
  const v = await visit(browser)
  const hits: string[] = []
  const allowedHits: string[] = []
  const guard = mode === 'guard' || mode === 'both' ? guardSnippet({ ...site, dev: false, source: guardSource() }) : ''
  const csp = mode === 'csp' || mode === 'both' ? buildCsp(site) : ''
  try {
    // Registered after visit()'s catch-all, so these win (Playwright runs the newest matching route first).
    await v.context.route(
      (u) => u.hostname === ALLOWED_HOST,
      (route) => {
        allowedHits.push(route.request().url())
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>video</p>' })
      },
    )
    await v.context.route(
      (u) => matchUrl(u.href) !== undefined,
      (route) => {
        const req = route.request()
        hits.push(req.url())
        const type = req.resourceType()
        if (type === 'script') return route.fulfill({ status: 200, contentType: 'text/javascript', body: TRACKER_JS })
        if (type === 'image') return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF })
        if (type === 'document') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>tracker frame</p>' })
        return route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*' } })
      },
    )
    // WebSockets are not routable without replacing window.WebSocket (which would hide the CSP's effect):
    // record creation from the DevTools protocol; the host resolver rule makes them fail locally.
    const cdp = await v.context.newCDPSession(v.page)
    await cdp.send('Network.enable')
    cdp.on('Network.webSocketCreated', (e) => {
      if (matchUrl(e.url)) hits.push(e.url)
    })
    await v.context.route(
      (u) => u.pathname.endsWith('.html') && u.hostname === '127.0.0.1',
      async (route) => {
        const response = await route.fetch()
        const body = (await response.text()).replace('<!--GUARD-->', guard)
        const headers = { ...response.headers(), ...(csp ? { 'content-security-policy': csp } : {}) }
        return route.fulfill({ response, body, headers })
      },
    )
    await v.page.goto(`${server.url}/${page}`)
    const done = await v.page
      .waitForFunction(() => (window as { __done?: boolean }).__done === true, null, { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      )
    // Let beacons, iframes and async scripts started by the page settle.
    await v.page.waitForLoadState('load')
    await v.page.waitForTimeout(250)
    const state = await v.page.evaluate(() => {
      const w = window as unknown as {
        __ran?: string[]
        firstparty?: { blocked?: unknown[]; calls?: unknown[] }
        __allowed?: unknown
        __okScript?: unknown
        __outcomes?: unknown
      }
      const page = { allowed: w.__allowed, okScript: w.__okScript, calls: w.firstparty?.calls?.length ?? 0, outcomes: w.__outcomes }
      return { ran: w.__ran ?? [], blocked: (w.firstparty?.blocked ?? []) as BlockedReport[], page }
    })
    await hold?.(v.page)
    return { done, hits, allowedHits, foreign: v.foreign, errors: v.errors.map((e) => e.message), ...state }
  } finally {
    await v.context.close()
  }
}
