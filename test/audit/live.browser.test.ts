import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exitCodeFor, type AuditFinding as Finding } from '../../src/audit/index.js'
import { auditLive } from '../../src/audit/live/index.js'
import { closedPort, routeTrackers, startSite, type LocalSite, type TrackerHits } from './live-helpers.js'

let site: LocalSite
const hits: TrackerHits = { routed: [], unknown: [] }
const options = { setupContext: routeTrackers(hits), progress: false }

beforeAll(async () => {
  site = await startSite()
})
afterAll(async () => {
  await site?.close()
  // Everything that left 127.0.0.1 was a tracker stand-in: no request went anywhere unplanned.
  expect(hits.unknown).toEqual([])
})

/** `rule tracker match` without volatile parts (ports). */
const brief = (f: Finding): string =>
  `${f.severity} ${f.rule} ${f.subject.id} ${f.evidence.match.replace(site.url, '')}${f.evidence.phase === 'after-consent' ? ' (after consent)' : ''}`

// Each test opens Chromium and waits out fast-forwarded windows: generous on a shared, loaded machine.
describe('live audit in headless Chromium', { timeout: 120_000 }, () => {
  it('official gtag: requests with their initiator chain, cookies, globals, and an unknown third party', async () => {
    const page = `${site.url}/gtag.html`
    const report = await auditLive([page], options)
    expect(report.problems).toEqual([])
    expect(report.pages).toEqual([page])
    expect(report.findings.map(brief).sort()).toEqual(
      [
        'error tracker-request ga4 https://www.googletagmanager.com/gtag/js?id=G-LIVE123456',
        'error tracker-request ga4 https://region1.google-analytics.com/g/collect?v=2&tid=G-LIVE123456&en=page_view',
        'warning third-party third-party:acme-widgets.example https://widgets.acme-widgets.example/widget.js',
        'error tracker-cookie ga4 _ga',
        'error tracker-cookie ga4 _ga_LIVE123456',
        'error tracker-global ga4 gtag, google_tag_data, dataLayer',
      ].sort(),
    )
    const collect = report.findings.find((f) => f.evidence.match.includes('/g/collect'))
    expect(collect?.evidence.initiators).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-LIVE123456', page])
    expect(exitCodeFor(report)).toBe(1)
    expect(report.activity?.[0]?.cookies).toEqual(expect.arrayContaining(['_ga@127.0.0.1', '_ga_LIVE123456@127.0.0.1']))
  })

  it('a loader fired by an 8 s timer is caught by the default window, and missed by a 1 s one', async () => {
    const page = `${site.url}/late.html`
    const full = await auditLive([page], options)
    expect(full.findings.map(brief)).toEqual([
      'error tracker-request gtm https://www.googletagmanager.com/gtm.js?id=GTM-LATE123',
      'error tracker-global gtm google_tag_manager',
    ])
    const short = await auditLive([page], { ...options, wait: 1000 })
    expect(short.findings).toEqual([])
  })

  it('trackers loaded only after consent: found with acceptConsent, labelled after-consent', async () => {
    const page = `${site.url}/consent.html`
    const before = await auditLive([page], options)
    expect(before.findings).toEqual([])
    const after = await auditLive([page], { ...options, acceptConsent: true })
    expect(after.findings.map(brief).sort()).toEqual(
      [
        'error tracker-request meta-pixel https://connect.facebook.net/en_US/fbevents.js (after consent)',
        'error tracker-request meta-pixel https://www.facebook.com/tr?id=123456789012345&ev=PageView (after consent)',
        'error tracker-cookie meta-pixel _fbp (after consent)',
        'error tracker-storage meta-pixel _fbp (after consent)',
      ].sort(),
    )
  })

  it('a clean page has no findings; its own /ingest and a plain link to Facebook do not count', async () => {
    const report = await auditLive([`${site.url}/clean.html`], options)
    expect(report.findings).toEqual([])
    expect(report.problems).toEqual([])
    // The evidence for "talks only to its own origin": every request the page made, all to 127.0.0.1.
    const requests = report.activity?.[0]?.requests ?? []
    expect(requests.map((r) => `${r.type} ${r.url.replace(site.url, '')}`)).toEqual(
      expect.arrayContaining(['document /clean.html', 'stylesheet /style.css', 'fetch /ingest/e/']),
    )
    expect(requests.filter((r) => !r.url.startsWith(site.url))).toEqual([])
  })

  it('crawl: same-origin links and the sitemap, up to --max-pages, never off-site', async () => {
    const before = site.paths.length
    const report = await auditLive([`${site.url}/crawl/a.html`], { ...options, crawl: true, maxPages: 3 })
    expect(report.pages.map((p) => p.replace(site.url, '')).sort()).toEqual(['/crawl/a.html', '/crawl/b.html', '/crawl/d.html'])
    expect(site.paths.slice(before)).toContain('/sitemap.xml')
    expect(site.paths.slice(before)).not.toContain('/crawl/c.html')
    expect(report.findings).toEqual([])
    const deeper = await auditLive([`${site.url}/crawl/a.html`], { ...options, crawl: true, maxPages: 10 })
    expect(deeper.pages).toHaveLength(4)
    expect(deeper.findings.map(brief)).toEqual([
      'error tracker-request meta-pixel https://connect.facebook.net/en_US/fbevents.js',
      'error tracker-request meta-pixel https://www.facebook.com/tr?id=123456789012345&ev=PageView',
      'error tracker-cookie meta-pixel _fbp',
      'error tracker-storage meta-pixel _fbp',
    ])
    expect(new Set(deeper.findings.map((f) => f.page))).toEqual(new Set([`${site.url}/crawl/c.html`]))
  })

  it('a directory is served on 127.0.0.1 and findings name its files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-live-dir-'))
    mkdirSync(join(dir, 'about'))
    copyFileSync('test/fixtures/audit/live/site/consent.html', join(dir, 'index.html'))
    writeFileSync(join(dir, 'about/index.html'), '<!doctype html><title>About</title><script src="https://connect.facebook.net/en_US/fbevents.js"></script>')
    const name = dir
    const report = await auditLive([dir], options)
    expect(report.pages).toEqual([`${name}/index.html`, `${name}/about/index.html`])
    expect(new Set(report.findings.map((f) => f.page))).toEqual(new Set([`${name}/about/index.html`]))
    expect(report.findings.filter((f) => f.rule === 'tracker-request')).toHaveLength(2)
  })

  it('the project demo (examples/plain-html, posthog-js from its own origin) is clean live too', async () => {
    const report = await auditLive(['examples/plain-html'], options)
    expect(report.problems).toEqual([])
    expect(report.pages).toEqual(['examples/plain-html/index.html', 'examples/plain-html/pricing.html'])
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    // The demo names its client `window.analytics` (Segment's global too; absent when dist/ is not built):
    // uncorroborated by any request or cookie, so at most a warning.
    const warnings = new Set(report.findings.map((f) => `${f.severity} ${f.rule} ${f.subject.id} ${f.evidence.match}`))
    expect([...warnings].filter((w) => w !== 'warning tracker-global segment analytics')).toEqual([])
  })

  it('unreachable pages are problems with one clear line each (exit code 2)', async () => {
    const refused = `http://127.0.0.1:${await closedPort()}/`
    // The default timeout for pages that answer (a loaded machine can be slow); a short one for the page that never does.
    const report = await auditLive([refused, `${site.url}/500`, `${site.url}/loop`, 'ftp://example.org/', 'not a url'], options)
    expect(report.problems).toEqual([
      { target: 'ftp://example.org/', message: 'only http(s) URLs can be audited' },
      { target: 'not a url', message: 'not a URL or a directory (give http(s)://… or a folder of HTML)' },
      { target: refused, message: 'connection refused (is the server running on that port?)' },
      { target: `${site.url}/500`, message: 'answered HTTP 500 Internal Server Error' },
      { target: `${site.url}/loop`, message: 'redirect loop (the page keeps redirecting)' },
    ])
    const hang = await auditLive([`${site.url}/hang`], { ...options, timeout: 2000 })
    expect(hang.problems).toEqual([{ target: `${site.url}/hang`, message: 'timed out after 2 s waiting for the page to load' }])
    expect(exitCodeFor(hang)).toBe(2)
    expect(exitCodeFor(report)).toBe(2)
  })

  it('a guarded page: the guard stops the tracker, and the live audit still reports the attempt (tracker-blocked)', async () => {
    // The built guard inline, then a loader that injects gtag.js: what a plugin or a tag manager would do.
    const guard = readFileSync('dist/guard.global.js', 'utf8')
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-guarded-'))
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><head><script>${guard}</script><script>var s=document.createElement('script');s.src='https://www.googletagmanager.com/gtag/js?id=G-GUARD12345';document.head.appendChild(s)</script></head><body>ok</body>`,
    )
    const report = await auditLive([dir], options)
    expect(report.problems).toEqual([])
    // No request left the page; the attempt is a warning of its own, named after the tracker.
    expect(report.activity?.[0]?.requests.filter((r) => !r.url.startsWith('http://127.0.0.1'))).toEqual([])
    const blocked = report.findings.filter((f) => f.rule === 'tracker-blocked')
    expect(blocked.map((f) => `${f.severity} ${f.subject.id}`)).toEqual(['warning ga4'])
    expect(blocked[0]?.evidence.match).toContain('googletagmanager.com/gtag/js')
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(exitCodeFor(report)).toBe(0)
    expect(exitCodeFor(report, 'warning')).toBe(1)
  })
})
