import { describe, expectTypeOf, it } from 'vitest'
import type { Channel, CrossDomainOptions, InitOptions, Touch } from '../../src/index.js'
import * as root from '../../src/index.js'
import { readAttribution } from '../../src/server/index.js'

describe('cross-domain and channel types', () => {
  it('crossDomain is a list of hosts inside attribution', () => {
    const ok: InitOptions = { token: 'phc_x', attribution: { crossDomain: ['acme.app'] } }
    void ok
    // @ts-expect-error one host is still a list
    const single: InitOptions = { token: 'phc_x', attribution: { crossDomain: 'acme.app' } }
    void single
    expectTypeOf<CrossDomainOptions['crossDomain']>().toEqualTypeOf<readonly string[] | undefined>()
  })

  it('ai_assistant is a channel; a made-up one is not', () => {
    expectTypeOf<'ai_assistant'>().toExtend<Channel>()
    // @ts-expect-error not a channel
    const wrong: Channel = 'chatgpt'
    void wrong
  })

  it('classify is renamed classifyChannel at the root', () => {
    expectTypeOf(root.classifyChannel).toBeFunction()
    // @ts-expect-error the old name is gone (CHANGELOG: renamed)
    void root.classify
  })

  it('readAttribution takes a Request, a headers holder or a header string and returns touches', () => {
    expectTypeOf(readAttribution(new Request('https://acme.app/'))).toEqualTypeOf<{ first?: Touch; last?: Touch }>()
    readAttribution('fp_touch=…')
    readAttribution({ headers: { cookie: 'a=1' } })
    // @ts-expect-error a number is not a request
    readAttribution(42)
  })
})
