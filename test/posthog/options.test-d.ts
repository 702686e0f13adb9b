import { describe, expectTypeOf, it } from 'vitest'
import type { InitOptions } from '../../src/index.js'

describe('capturePageview', () => {
  it('takes true, false, history or hash', () => {
    expectTypeOf<{ token: 'phc_x'; capturePageview: 'history' }>().toMatchTypeOf<InitOptions>()
    expectTypeOf<{ token: 'phc_x'; capturePageview: 'hash' }>().toMatchTypeOf<InitOptions>()
    expectTypeOf<{ token: 'phc_x'; capturePageview: false }>().toMatchTypeOf<InitOptions>()
  })

  it('rejects anything else', () => {
    // @ts-expect-error not a pageview mode
    const wrong: InitOptions = { token: 'phc_x', capturePageview: 'history_change' }
    // @ts-expect-error posthog-js's option name is not firstparty's
    const wrongType: InitOptions = { token: 'phc_x', capturePageview: 1 }
    expectTypeOf(wrong).toEqualTypeOf<InitOptions>()
    expectTypeOf(wrongType).toEqualTypeOf<InitOptions>()
  })
})
