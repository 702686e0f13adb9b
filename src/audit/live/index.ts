// Live audit: URLs (or directories served on 127.0.0.1) in real headless Chromium.
import type { BrowserContext } from 'playwright-core'
import type { AuditProblem, AuditReport, Finding, PageActivity } from '../types.js'
import { UsageError } from '../errors.js'
import { applyPolicy, DEFAULT_POLICY, type AuditPolicy } from '../policy.js'
import { launchAuditBrowser } from './chromium.js'
import { crawl, normalizeUrl } from './crawl.js'
import { auditPage, type PageAuditOptions, type PageOutcome } from './page.js'
import { progressBar } from '../../progress.js'
import { isDirectory, serveDirectory, type ServedSite } from './serve.js'

/** Options of {@link auditLive}. */
export interface LiveAuditOptions {
  /** Hosts that may be loaded. @default [] */
  allow?: readonly string[]
  /** Follow same-origin links and sitemap.xml. @default false */
  crawl?: boolean
  /** Page limit when crawling. @default 50 */
  maxPages?: number
  /** Pages audited at once (each in its own context). @default 2 */
  concurrency?: number
  /** Window for late loaders, in ms (fast-forwarded on the page clock unless `realTime`). @default 10000 */
  wait?: number
  /** Really wait `wait` ms instead of advancing the page clock. @default false */
  realTime?: boolean
  /** Navigation timeout in ms. @default 30000 */
  timeout?: number
  /** Click a consent "accept" button (`true`: known banners and "Accept all" buttons; string: a selector). @default false */
  acceptConsent?: boolean | string
  /** Chromium binary. @default found automatically */
  chromium?: string
  /** Directory relative targets are resolved against. @default process.cwd() */
  cwd?: string
  /** Draw a progress bar on stderr (only when it is a terminal). @default true */
  progress?: boolean
  /** Prepare each fresh browser context (tests route tracker hosts to local fixtures with it). */
  setupContext?: (context: BrowserContext) => Promise<void> | void
  /** Called with each page's full outcome (requests included). */
  onPage?: (outcome: PageOutcome) => void
  /** Which categories are errors, warnings or notes. @default DEFAULT_POLICY */
  policy?: AuditPolicy
}

/**
 * Audit pages in headless Chromium: every request, cookie, localStorage key and tracker global.
 *
 * @example
 * const report = await auditLive(['https://example.com/'], { crawl: true, maxPages: 20, acceptConsent: true })
 */
export async function auditLive(targets: readonly string[], options: LiveAuditOptions = {}): Promise<AuditReport> {
  const started = performance.now()
  const cwd = options.cwd ?? process.cwd()
  const problems: AuditProblem[] = []
  const starts: string[] = []
  const names = new Map<string, string>()
  const sites: ServedSite[] = []
  try {
    for (const target of targets) {
      if (await isDirectory(target, cwd)) {
        const site = await serveDirectory(target, cwd)
        sites.push(site)
        site.names.forEach((name, url) => names.set(url, name))
        starts.push(...(options.crawl ? site.urls.slice(0, 1) : site.urls))
      } else if (/^https?:\/\//i.test(target) && normalizeUrl(target)) starts.push(target)
      else
        problems.push({
          target,
          message: /^[a-z]+:\/\//i.test(target) ? 'only http(s) URLs can be audited' : 'not a URL or a directory (give http(s)://… or a folder of HTML)',
        })
    }
    if (starts.length === 0) return { mode: 'live', pages: [], findings: [], problems, durationMs: performance.now() - started }
    const browser = await launchAuditBrowser(options.chromium ? { chromium: options.chromium } : {})
    const pageOptions: PageAuditOptions = {
      allow: options.allow ?? [],
      wait: options.wait ?? 10_000,
      fastForward: !options.realTime,
      timeout: options.timeout ?? 30_000,
      acceptConsent: options.acceptConsent ?? false,
      links: options.crawl ?? false,
      ...(options.setupContext ? { setupContext: options.setupContext } : {}),
    }
    // Indexed by visit order (start URLs, then discovery order), not completion order.
    const outcomes: PageOutcome[] = []
    let visited = 0
    const bar = progressBar('pages', options.progress === false ? { force: false } : {})
    try {
      await crawl(
        starts,
        async (url) => {
          const slot = visited++
          const outcome = await auditPage(browser, url, names.get(url) ?? url, pageOptions)
          outcomes[slot] = outcome
          options.onPage?.(outcome)
          return outcome.links
        },
        {
          follow: options.crawl ?? false,
          maxPages: options.crawl ? (options.maxPages ?? 50) : Number.MAX_SAFE_INTEGER,
          concurrency: Math.max(1, options.concurrency ?? 2),
          onProgress: (done, known, url) => bar.update(done, known, url),
        },
      )
    } finally {
      bar.done()
      await browser.close().catch(() => undefined)
    }
    const findings: Finding[] = []
    const pages: string[] = []
    for (const o of outcomes) {
      if (!o) continue
      if (o.problem) problems.push({ target: o.name, message: o.problem })
      else pages.push(o.name)
      findings.push(...o.findings)
    }
    const activity: PageActivity[] = outcomes
      .filter((o) => o && !o.problem)
      .map((o) => ({
        page: o.name,
        url: o.url,
        requests: o.requests.map((r) => ({ url: r.url, type: r.type, phase: r.phase })),
        cookies: o.cookies,
        storage: o.storage,
        ...(o.consent ? { consent: o.consent } : {}),
      }))
    return {
      mode: 'live',
      pages,
      findings: applyPolicy(findings, options.policy ?? DEFAULT_POLICY),
      problems,
      durationMs: performance.now() - started,
      activity,
    }
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`live audit failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
  } finally {
    await Promise.all(sites.map((s) => s.server.close()))
  }
}

// `firstparty/audit/live`: needs the optional peer playwright-core (its types appear in LiveAuditOptions).
export type { PageOutcome } from './page.js'
export type { RequestRecord } from './findings.js'
export { FirstpartyError, InputError, UsageError } from '../errors.js'
