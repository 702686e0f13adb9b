import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compactCatalog, decodeGuardData, type GuardRow } from '../../src/guard/compact.js'
import { guardSnippet } from '../../src/guard/snippet.js'
import { TRACKERS } from '../../src/trackers/index.js'
import type { Tracker } from '../../src/trackers/types.js'

describe('compactCatalog', () => {
  const rows = decodeGuardData(compactCatalog(TRACKERS))
  const row = (id: string): GuardRow | undefined => rows.find((r) => r.id === id)

  it('carries every guard tracker with its hosts, paths, first fingerprint and stubs', () => {
    const inGuard = TRACKERS.filter((t) => t.guard !== false)
    expect(rows.map((r) => r.id)).toEqual(inGuard.map((t) => t.id))
    expect(row('meta-pixel')).toEqual({
      id: 'meta-pixel',
      hosts: ['connect.facebook.net', 'pixel.facebook.com'],
      paths: ['/fbevents.js', '/signals/config/', '/tr?ev=', '/tr/?ev=', '/tr?id='],
      fingerprints: ["fbq('init'"],
      stubs: ['fbq', '_fbq'],
    })
    expect(row('ga4')?.stubs).toEqual(['gtag', '[dataLayer'])
    // A tracker without path rules keeps its fields in place.
    expect(row('hotjar')?.paths).toEqual([])
    expect(row('hotjar')?.fingerprints).toEqual(['_hjSettings'])
  })

  it('drops hosts covered by a broader suffix of the same tracker', () => {
    expect(row('universal-analytics')?.hosts).toEqual(['google-analytics.com'])
  })

  it('refuses tokens that would break the encoding', () => {
    for (const hosts of [['a|b.com'], ['a;b.com'], ['a b.com'], ['']]) {
      const bad = { ...TRACKERS[0], hosts } as Tracker
      expect(() => compactCatalog([bad])).toThrow(/empty or contains a separator/)
    }
  })
})

describe('guardSnippet', () => {
  it('bakes the allow list (with PostHog hosts) and mode into data attributes', () => {
    const html = guardSnippet({
      allow: ['*.youtube-nocookie.com'],
      posthog: { apiHost: 'https://eu.i.posthog.com' },
      mode: 'strict',
      dev: false,
      nonce: 'n1',
      source: 'void 0',
    })
    expect(html).toBe('<script nonce="n1" data-allow="*.youtube-nocookie.com eu.i.posthog.com eu-assets.i.posthog.com" data-mode="strict">void 0</script>')
  })

  it('adds the console warning only for dev: true', () => {
    expect(guardSnippet({ dev: true, source: 'void 0' })).toMatch(/^<script>void 0;addEventListener\("firstparty:blocked",e=>console\.warn\(/)
    expect(guardSnippet({ source: 'void 0' })).toBe('<script>void 0</script>')
  })

  it('cannot be closed early by the code it inlines', () => {
    expect(guardSnippet({ source: 'a="</script><b>"' })).toBe('<script>a="<\\/script><b>"</script>')
  })

  it('refuses unknown options and wrong values in development, as init() does', () => {
    // A typo must not silently drop the allow list.
    expect(() => guardSnippet({ alow: ['*.youtube.com'], source: 'void 0' } as never)).toThrow(
      'guardSnippet(): unknown option "alow"; known: allow, posthog, mode, dev, nonce, source',
    )
    expect(() => guardSnippet({ mode: 'strikt', source: 'void 0' } as never)).toThrow(/"mode" must be "catalog" or "strict", got "strikt"/)
    expect(() => guardSnippet({ allow: 'a.com', source: 'void 0' } as never)).toThrow(/"allow" must be an array/)
    expect(guardSnippet({ allow: undefined, source: 'void 0' } as never)).toBe('<script>void 0</script>')
  })

  it('explains a missing bundle when running from source without `source`', () => {
    expect(() => guardSnippet()).toThrow(/guard bundle is missing/)
  })

  it('the built library inlines dist/guard.global.js', async () => {
    const built = `${process.cwd()}/dist/index.js`
    expect(existsSync(built)).toBe(true)
    const lib = (await import(/* @vite-ignore */ built)) as { guardSnippet: (o?: object) => string }
    const source = readFileSync('dist/guard.global.js', 'utf8').trim()
    expect(lib.guardSnippet()).toBe(`<script>${source}</script>`)
  })
})
