// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { watchHistory } from '../../src/posthog/history.js'

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5))

describe('watchHistory', () => {
  it('calls back once per new path, a tick later; same path and hash-only changes are not navigations', async () => {
    history.replaceState(null, '', '/start')
    const seen: string[] = []
    watchHistory((navigated) => navigated && seen.push(location.pathname + location.search + location.hash), false)
    history.pushState(null, '', '/pricing')
    await tick()
    history.replaceState(null, '', '/pricing?sort=asc')
    history.pushState(null, '', '/pricing#faq')
    await tick()
    // A redirect right after a push (push, then replace) is one navigation, to where it ended.
    history.pushState(null, '', '/docs')
    history.replaceState(null, '', '/docs/intro')
    await tick()
    expect(seen).toEqual(['/pricing', '/docs/intro'])
  })

  it('with hash on, a hash-only change is a navigation too', async () => {
    history.replaceState(null, '', '/a')
    const seen: string[] = []
    watchHistory((navigated) => navigated && seen.push(location.hash), true)
    history.pushState(null, '', '/a#one')
    await tick()
    history.replaceState(null, '', '/a#one')
    await tick()
    expect(seen).toEqual(['#one'])
  })
})
