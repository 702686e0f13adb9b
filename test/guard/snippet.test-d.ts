import { describe, it } from 'vitest'
import { guardSnippet } from '../../src/guard/snippet.js'
import { guardScriptProps } from '../../src/react/index.js'

describe('guard snippet options', () => {
  it('accept the documented options', () => {
    guardSnippet({ allow: ['*.youtube.com'], posthog: { apiHost: '/ingest' }, mode: 'strict', dev: true, nonce: 'n' })
    guardScriptProps({ allow: ['player.vimeo.com'], src: '/firstparty/guard.js' })
  })

  it('refuse typos and wrong values at compile time (development builds also refuse them at run time)', () => {
    // @ts-expect-error: `alow` is not an option
    guardSnippet({ alow: ['*.youtube.com'] })
    // @ts-expect-error: mode is 'catalog' or 'strict'
    guardSnippet({ mode: 'strikt' })
    // @ts-expect-error: `alow` is not an option
    guardScriptProps({ alow: ['player.vimeo.com'] })
  })
})
