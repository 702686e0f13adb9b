import { describe, expect, it } from 'vitest'
import { allowedHosts, buildCsp, cspDirectives, cspMetaTag } from '../../src/csp/index.js'

describe('allowedHosts', () => {
  it('normalises entries, adds PostHog hosts (and their assets host), skips relative proxies, dedupes', () => {
    expect(
      allowedHosts({
        allow: ['https://Player.Vimeo.com/', '*.youtube-nocookie.com', 'player.vimeo.com.'],
        posthog: { apiHost: 'https://eu.i.posthog.com', uiHost: 'https://eu.posthog.com' },
      }),
    ).toEqual(['player.vimeo.com', '*.youtube-nocookie.com', 'eu.i.posthog.com', 'eu-assets.i.posthog.com', 'eu.posthog.com'])
    expect(allowedHosts({ posthog: { apiHost: '/ingest' } })).toEqual([])
  })
})

describe('buildCsp', () => {
  it('lists the allow list in every fetch directive and never uses strict-dynamic', () => {
    const csp = buildCsp({ allow: ['*.youtube-nocookie.com'], posthog: { apiHost: '/ingest' } })
    expect(csp).toBe(
      "script-src 'self' 'unsafe-inline' *.youtube-nocookie.com; connect-src 'self' *.youtube-nocookie.com; " +
        "img-src 'self' data: blob: *.youtube-nocookie.com; frame-src 'self' *.youtube-nocookie.com; " +
        "form-action 'self' *.youtube-nocookie.com; object-src 'none'; base-uri 'self'",
    )
    expect(csp).not.toMatch(/strict-dynamic/)
  })

  it('supports nonces/hashes instead of unsafe-inline, Trusted Types, report-uri and extra sources', () => {
    const csp = buildCsp({
      inline: { nonce: 'abc', hashes: ["'sha256-xyz='", 'sha256-q='] },
      trustedTypes: { policies: ['dompurify'] },
      reportUri: '/csp',
      extra: { 'img-src': ['https:'] },
    })
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'sha256-xyz=' 'sha256-q='")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("require-trusted-types-for 'script'; trusted-types default dompurify 'allow-duplicates'")
    expect(csp).toContain("img-src 'self' data: blob: https:")
    expect(csp.endsWith('report-uri /csp')).toBe(true)
  })

  it('does not list tracker hosts: they are blocked by omission', () => {
    const d = cspDirectives({ allow: ['cdn.example.com'] })
    for (const sources of d.values()) for (const s of sources) expect(s).not.toMatch(/google|facebook|doubleclick/)
  })
})

describe('cspMetaTag', () => {
  it('drops header-only directives and escapes the attribute', () => {
    const tag = cspMetaTag({ reportUri: '/csp', allow: ['a.example'] })
    expect(tag.startsWith('<meta http-equiv="Content-Security-Policy" content="script-src')).toBe(true)
    expect(tag).not.toContain('report-uri')
    expect(tag).toContain("img-src 'self' data: blob: a.example")
    expect(cspMetaTag({ extra: { 'img-src': ['"x"'] } })).toContain(`${'img-src &#39;self&#39;'.replace(/&#39;/g, "'")} data: blob: &quot;x&quot;`)
  })
})
