import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../src/audit/static/file.js'
import { kindOf, splitFile, type FileKind } from '../../src/audit/static/kinds.js'
import { maskComments, maskEscapedMarkup } from '../../src/audit/static/mask.js'
import { cspRegions, packageHits } from '../../src/audit/static/signals.js'

/** Blanking may only turn characters into spaces, never move or invent them. */
const onlyBlanks = (input: string, output: string): boolean =>
  output.length === input.length && [...output].every((c, i) => c === input[i] || (c === ' ' && input[i] !== '\n' && input[i] !== '\r'))

describe('comment masking (offsets stay exact)', () => {
  it('blanks line and block comments, keeps strings, regular expressions and template literals', () => {
    const code = `a("//not a comment"); b(/https?:\\/\\//); c(\`\${"//x"} // kept\`); // gtag('config','G-1')\n/* fbq('init') */ d()`
    const out = maskComments(code)
    expect(out).toContain('a("//not a comment")')
    expect(out).toContain('b(/https?:\\/\\//)')
    expect(out).toContain('// kept`')
    expect(out).not.toContain('gtag')
    expect(out).not.toContain('fbq')
    expect(out.endsWith(' d()')).toBe(true)
    expect(maskEscapedMarkup('"&lt;script src=x&gt;" y')).toBe(`"${' '.repeat('&lt;script src=x&gt;'.length)}" y`)
  })

  it('property: for any text, masking only replaces characters by spaces (lines and offsets unchanged)', () => {
    const pieces = fc.constantFrom('//', '/*', '*/', '"', "'", '`', '${', '}', '{', '/', '\\', '\n', 'a', ' ', 'x=/re/;', '<!--', '&lt;', '&gt;')
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const text = parts.join('')
        return onlyBlanks(text, maskComments(text)) && onlyBlanks(text, maskEscapedMarkup(text))
      }),
    )
  })

  it('property: every template kind splits into same-length markup and code regions inside the file', () => {
    const kinds: FileKind[] = ['php', 'blade', 'erb', 'ejs', 'liquid', 'njk', 'hbs', 'astro', 'markdown', 'mdx', 'vue', 'svelte', 'html']
    const pieces = fc.constantFrom(
      '<?php ',
      '?>',
      '<%',
      '%>',
      '<%#',
      '{% comment %}',
      '{% endcomment %}',
      '{#',
      '#}',
      '{{!--',
      '--}}',
      '{{--',
      '---\n',
      '```\n',
      '`',
      '{/*',
      '*/}',
      'import x from "y"\n',
      '![a](https://t.example/p.gif)',
      '<script>',
      '</script>',
      '\n',
      'text',
    )
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (kind, parts) => {
        const text = parts.join('')
        const split = splitFile(text, kind)
        return onlyBlanks(text, split.markup ?? text) && split.code.every((r) => r.start >= 0 && r.end <= text.length && r.start <= r.end)
      }),
    )
  })
})

describe('file kinds', () => {
  it('reads every kind the issue lists; site configs are code', () => {
    const kinds = [
      'a.html',
      'a.htm',
      'a.js',
      'a.mjs',
      'a.cjs',
      'a.jsx',
      'a.ts',
      'a.tsx',
      'a.mts',
      'a.cts',
      'a.vue',
      'a.svelte',
      'a.astro',
      'a.php',
      'a.blade.php',
      'a.liquid',
      'a.njk',
      'a.hbs',
      'a.erb',
      'a.ejs',
      'a.md',
      'a.mdx',
      'next.config.mjs',
      'package.json',
      'a.css',
    ].map(kindOf)
    expect(kinds).toEqual([
      'html',
      'html',
      'script',
      'script',
      'script',
      'script',
      'script',
      'script',
      'script',
      'script',
      'vue',
      'svelte',
      'astro',
      'php',
      'blade',
      'liquid',
      'njk',
      'hbs',
      'erb',
      'ejs',
      'markdown',
      'mdx',
      'script',
      'package-json',
      'css',
    ])
    expect([kindOf('package-lock.json'), kindOf('feed.xml'), kindOf('logo.png')]).toEqual([undefined, undefined, undefined])
  })
})

describe('signals in code', () => {
  it('CSP text is found in strings, template literals and helmet arrays; prose naming a directive is not a policy', () => {
    expect(cspRegions(`v = "script-src 'self' https://www.googletagmanager.com; img-src *"`).map((r) => r.policy)).toEqual([
      "script-src 'self' https://www.googletagmanager.com",
      'img-src *',
    ])
    expect(cspRegions(`scriptSrc: ["'self'", 'www.google-analytics.com']`).map((r) => r.policy)).toEqual(["script-src 'self' www.google-analytics.com"])
    expect(cspRegions('// set the script-src directive for your site')).toEqual([])
  })

  it('packages: imports, require and plugin names count; type-only imports and harmless parts do not', () => {
    const ids = (code: string): string[] => packageHits(code).map((h) => `${h.pkg.name}:${h.tracker.id}`)
    expect(ids(`import ReactGA from 'react-ga4'`)).toEqual(['react-ga4:ga4'])
    expect(ids(`const x = require("react-hotjar")`)).toEqual(['react-hotjar:hotjar'])
    expect(ids('plugins: [`gatsby-plugin-google-analytics`]')).toEqual(['gatsby-plugin-google-analytics:universal-analytics'])
    expect(ids(`import type { Options } from '@docusaurus/plugin-google-gtag/lib/options'`)).toEqual([])
    expect(ids(`import { YouTubeEmbed, GoogleTagManager as GTM } from '@next/third-parties/google'`)).toEqual(['@next/third-parties:gtm'])
    expect(ids(`import { x } from 'somewhere'\nimport { YouTubeEmbed } from '@next/third-parties/google'`)).toEqual([])
    expect(ids(`import posthog from 'posthog-js'; const s = 'react-ga4-docs'`)).toEqual([])
  })
})

describe('decoding as a browser would', () => {
  it('property: any bytes without NUL decode to text (never an exception); valid UTF-8 decodes unchanged, without a notice', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a.map((b) => b || 1))),
        fc.constantFrom<FileKind>('html', 'script', 'markdown'),
        (bytes, kind) => {
          const { text, notice } = decodeText(bytes, kind)
          const valid = Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)
          return typeof text === 'string' && (valid ? notice === undefined : typeof notice === 'string')
        },
      ),
    )
  })
})
