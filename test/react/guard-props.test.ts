// `firstparty/react` guardScriptProps against the built guardSnippet it is derived from.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { GuardScriptProps } from '../../src/react/index.js'

type ReactModule = typeof import('../../src/react/index.js')
type MainModule = typeof import('../../src/index.js')
let guardScriptProps: ReactModule['guardScriptProps']
let guardScriptRoute: ReactModule['guardScriptRoute']
let guardSnippet: MainModule['guardSnippet']

beforeAll(async () => {
  const dist = (file: string): string => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url))
  if (!existsSync(dist('react.js')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)')
    // Built modules: from source the guard code is not inlined yet (the library build does that).
  ;({ guardScriptProps, guardScriptRoute } = (await import(dist('react.js'))) as ReactModule)
  ;({ guardSnippet } = (await import(dist('index.js'))) as MainModule)
})

/** What React renders for `<script {...props} />`: attributes escaped, inner HTML as given. */
function render(props: GuardScriptProps): string {
  const escape = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
  const attrs = Object.entries(props)
    .filter(([name]) => name !== 'dangerouslySetInnerHTML')
    .map(([name, value]) => ` ${name}="${escape(String(value))}"`)
    .join('')
  return `<script${attrs}>${props.dangerouslySetInnerHTML?.__html ?? ''}</script>`
}

describe('guardScriptProps', () => {
  it.each([
    ['defaults', {}],
    ['an allow list and PostHog Cloud', { allow: ['player.vimeo.com', '*.youtube.com'], posthog: { apiHost: 'https://eu.i.posthog.com' } }],
    ['strict mode, dev off and a nonce', { mode: 'strict' as const, dev: false, nonce: 'r4nd"&0m' }],
  ])('renders back to exactly guardSnippet() (%s)', (_, options) => {
    expect(render(guardScriptProps(options))).toBe(guardSnippet(options))
  })

  it('splits attributes from code', () => {
    const props = guardScriptProps({ allow: ['player.vimeo.com'], posthog: { apiHost: 'https://eu.i.posthog.com' }, mode: 'strict', nonce: 'a"b' })
    expect(props['data-allow']).toBe('player.vimeo.com eu.i.posthog.com eu-assets.i.posthog.com')
    expect(props['data-mode']).toBe('strict')
    expect(props.nonce).toBe('a"b')
    // The built guard bundle itself, with nothing that could close the element early.
    const bundle = readFileSync(fileURLToPath(new URL('../../dist/guard.global.js', import.meta.url)), 'utf8').trim()
    expect(props.dangerouslySetInnerHTML?.__html).toBe(bundle.replace(/<\/(script)/gi, '<\\/$1'))
    expect(props.dangerouslySetInnerHTML?.__html).not.toMatch(/<\/script/i)
  })

  it('refuses unknown options in development, as guardSnippet does; `src` is its own', () => {
    expect(() => guardScriptProps({ alow: ['player.vimeo.com'] } as never)).toThrow(/guardScriptProps\(\): unknown option "alow"; known: .*, src$/)
    expect(guardScriptProps({ src: '/g.js' }).src).toMatch(/^\/g\.js\?v=/)
  })

  it('adds no attribute the options did not ask for', () => {
    expect(Object.keys(guardScriptProps())).toEqual(['dangerouslySetInnerHTML'])
  })

  it('with src: points at a versioned URL instead of inlining the code', () => {
    const props = guardScriptProps({ allow: ['player.vimeo.com'], src: '/firstparty/guard.js' })
    expect(props).toEqual({ 'data-allow': 'player.vimeo.com', src: expect.stringMatching(/^\/firstparty\/guard\.js\?v=[0-9a-z]+$/) })
    // Same code, same URL; the version is the code's, not the options'.
    expect(guardScriptProps({ src: '/g.js?x=1' }).src).toBe(`/g.js?x=1&v=${props.src!.split('v=')[1]}`)
  })
})

describe('guardScriptRoute', () => {
  it('serves the same code guardScriptProps would inline, as JavaScript cached for a year', async () => {
    const res = guardScriptRoute()()
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toContain('immutable')
    expect(await res.text()).toBe(guardScriptProps().dangerouslySetInnerHTML?.__html)
  })
})
