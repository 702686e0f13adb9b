import { describe, expect, it } from 'vitest'
import { auditStatic } from '../../src/audit/index.js'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/config/index.js'
import { compactCatalog } from '../../src/guard/compact.js'
import { matchUrl, TRACKERS } from '../../src/trackers/index.js'
import { at, brief, FIXTURES } from './helpers.js'

const dirty = `${FIXTURES}/dirty`
const report = await auditStatic([dirty], { allow: ['www.acme-coffee.example'] })
const on = (file: string): string[] => report.findings.filter((f) => f.page === `${dirty}/${file}`).map(brief)
const f = (file: string): string => `${dirty}/${file}`

describe('static audit: dirty pages built from real snippet forms', () => {
  it('official gtag.js snippet: the loader element and the inline config, both with the measurement id', () => {
    expect(on('gtag.html')).toEqual([
      `error tracker-resource ga4 ${at(f('gtag.html'), '<script async src="https://www.googletagmanager.com')} [G-ABC123XYZ9]`,
      `error tracker-snippet ga4 ${at(f('gtag.html'), 'function gtag()')} [G-ABC123XYZ9]`,
    ])
  })

  it('official GTM snippet: the inline loader and the <noscript> iframe', () => {
    expect(on('gtm.html')).toEqual([
      `error tracker-snippet gtm ${at(f('gtm.html'), '(function(w,d,s,l,i)')} [GTM-ABCD123]`,
      `error tracker-resource gtm ${at(f('gtm.html'), '<iframe src=')} [GTM-ABCD123]`,
    ])
    expect(report.findings.find((x) => x.page === f('gtm.html') && x.rule === 'tracker-resource')?.evidence.source).toBe('<noscript> <iframe src>')
  })

  it('Meta Pixel: the inline base code and the <noscript> image pixel', () => {
    expect(on('meta-pixel.html')).toEqual([
      `error tracker-snippet meta-pixel ${at(f('meta-pixel.html'), '!function(f,b,e,v,n,t,s)')} [123456789012345]`,
      `error tracker-resource meta-pixel ${at(f('meta-pixel.html'), '<img height="1"')} [123456789012345]`,
    ])
  })

  it('WordPress header: Site Kit gtag as errors, the GTM dns-prefetch a warning, Google Fonts notes, own host allowed', () => {
    const gtagUrl = 'https://www.googletagmanager.com/gtag/js?id=GT-WP12345'
    const page = f('wordpress.html')
    expect(on('wordpress.html')).toEqual([
      `warning tracker-resource gtm ${at(page, "<link rel='dns-prefetch' href='//www.googletagmanager.com'")}`,
      `note third-party third-party:googleapis.com ${at(page, "<link rel='dns-prefetch' href='//fonts.googleapis.com'")}`,
      `note third-party third-party:googleapis.com ${at(page, "<link rel='stylesheet' id='twentytwenty-fonts-css'")}`,
      `error tracker-resource ${matchUrl(gtagUrl)?.id} ${at(page, `<script src="${gtagUrl}"`)}`,
      `error tracker-snippet ga4 ${at(page, 'function gtag()')}`,
    ])
    const fonts = report.findings.find((x) => x.page === page && x.rule === 'third-party')
    expect(fonts?.subject).toMatchObject({ name: 'Google Fonts', category: 'cdn' })
    // The <a href> to the Facebook page and the escaped emoji URLs are not loads.
    expect(report.findings.filter((x) => x.page === page && x.subject.id === 'meta-pixel')).toEqual([])
  })

  it('Next.js next/script GA: nothing in the HTML, found inside the _app chunk', () => {
    expect(on('next-script.html')).toEqual([])
    const chunk = '_next/static/chunks/pages/_app-a1b2c3d4e5f6.js'
    expect(on(chunk)).toEqual([`error tracker-snippet ga4 ${at(f(chunk), 'https://www.googletagmanager.com/gtag/js?id=G-NEXT123456')} [G-NEXT123456]`])
  })

  it('Next.js App Router: next/script props travel in the RSC flight data of the HTML', () => {
    expect(on('next-app-router.html')).toEqual([
      `error tracker-snippet ga4 ${at(f('next-app-router.html'), 'https://www.googletagmanager.com/gtag/js?id=G-NEXTAPP123')} [G-NEXTAPP123]`,
    ])
  })

  it('consent-gated loaders still count: a text/plain gtag tag and a loader behind a consent event', () => {
    expect(on('consent-gated.html')).toEqual([
      `error tracker-resource ga4 ${at(f('consent-gated.html'), '<script type="text/plain"')} [G-CONSENT01]`,
      `error tracker-snippet meta-pixel ${at(f('consent-gated.html'), 'https://connect.facebook.net/en_US/fbevents.js')}`,
    ])
  })

  it('GA inside a minified Vite chunk (renamed gtag, no snippet text): found by URL and id', () => {
    expect(on('vite-chunk.html')).toEqual([])
    const chunk = 'assets/index-4f3a2b1c.js'
    expect(on(chunk)).toEqual([`error tracker-snippet ga4 ${at(f(chunk), 'https://www.googletagmanager.com/gtag/js?id=G-VITE987654')} [G-VITE987654]`])
  })

  it('covers every dirty file, with no problems and nothing else', () => {
    expect(report.problems).toEqual([])
    expect(report.pages).toHaveLength(10)
    expect(report.findings).toHaveLength(16)
  })

  it('without the allow entry, the site’s own absolute URLs are third-party warnings, never errors', async () => {
    const strictish = await auditStatic([f('wordpress.html')])
    const own = strictish.findings.filter((x) => x.subject.id === 'third-party:acme-coffee.example')
    expect(own.map((x) => x.severity)).toEqual(['warning', 'warning'])
  })

  it('allowing a tracker host on purpose removes its element findings but not its inline code', async () => {
    const allowed = await auditStatic([f('gtag.html')], { allow: ['www.googletagmanager.com'] })
    expect(allowed.findings.map(brief)).toEqual([`error tracker-snippet ga4 ${at(f('gtag.html'), 'function gtag()')} [G-ABC123XYZ9]`])
  })
})

describe('static audit: clean pages', () => {
  it("the project's own examples (each with its own firstparty.config.json) and the clean corpus have zero findings", async () => {
    const examples = readdirSync('examples', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `examples/${d.name}`)
    expect(examples).toEqual(expect.arrayContaining(['examples/plain-html', 'examples/ci-audit']))
    for (const dir of [...examples, `${FIXTURES}/clean`]) {
      const config = await loadConfig(existsSync(`${dir}/firstparty.config.json`) ? `${dir}/firstparty.config.json` : undefined)
      const clean = await auditStatic([dir], { allow: config.allow ?? [] })
      expect(clean.problems, dir).toEqual([])
      expect(clean.findings, dir).toEqual([])
    }
    const plain = await auditStatic(['examples/plain-html', `${FIXTURES}/clean`])
    expect(plain.pages).toEqual([
      'examples/plain-html/index.html',
      'examples/plain-html/pricing.html',
      'examples/plain-html/style.css',
      `${FIXTURES}/clean/app.js`,
      `${FIXTURES}/clean/landing.html`,
    ])
  })
})

describe("static audit: firstparty's own guard", () => {
  it('is recognised by its embedded catalog (this version or another) and not reported; trackers next to it are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-guard-'))
    const data = compactCatalog(TRACKERS)
    const guard = (d: string): string =>
      `!function(){"use strict";const g=(t=>t.split("|").map(t=>t.split(" ")))(${JSON.stringify(d)});window.firstparty={guarded:!0,g}}();`
    const older = data.split('|').slice(1).join('|')
    writeFileSync(join(dir, 'guard.global.js'), guard(data))
    writeFileSync(
      join(dir, 'index.html'),
      `<head><script data-allow="eu.i.posthog.com">${guard(older)}</script>\n<script>fbq('init', '123456789012345')</script></head>`,
    )
    const r = await auditStatic([dir], { cwd: dir })
    expect(r.pages).toEqual(['guard.global.js', 'index.html'])
    expect(r.findings.map(brief)).toEqual(['error tracker-snippet meta-pixel 2:9 [123456789012345]'])
  })
})
