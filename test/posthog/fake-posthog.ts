// A recording stand-in for posthog-js, for fast unit tests of the queue. The browser tests use the real one.
import type { Loaded } from '../../src/posthog/client.js'
import { toPostHogConfig } from '../../src/posthog/config.js'

export interface FakePostHog {
  calls: Array<[string, ...unknown[]]>
  config?: Record<string, unknown>
}

export function fakeLoader(): { loader: (build?: string) => Promise<Loaded>; ph: FakePostHog; loads: () => number } {
  const ph: FakePostHog = { calls: [] }
  let loads = 0
  const record =
    (name: string) =>
    (...args: unknown[]): undefined => {
      ph.calls.push([name, ...args])
      return undefined
    }
  const posthog = {
    init: (token: string, config: Record<string, unknown>) => {
      ph.config = config
      ph.calls.push(['init', token])
    },
    capture: record('capture'),
    identify: record('identify'),
    reset: record('reset'),
    opt_out_capturing: record('opt_out_capturing'),
    opt_in_capturing: record('opt_in_capturing'),
    _requestQueue: { unload: record('unload') },
  }
  return {
    ph,
    loads: () => loads,
    loader: () => {
      loads++
      return Promise.resolve({ posthog, toPostHogConfig } as unknown as Loaded)
    },
  }
}
