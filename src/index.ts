import { createClient, type Client, type InitOptions } from './posthog/index.js'
import { importPostHog } from './posthog/load.js'

/**
 * Start first-party analytics: posthog-js is imported once the page is idle, through your own origin.
 * Safe to call on the server (returns a client that does nothing).
 * @example
 * ```ts
 * import { init } from 'firstparty'
 * const analytics = init({ token: 'phc_…', apiHost: '/ingest' })
 * analytics.track('cta_clicked', { cta: 'hero' })
 * ```
 */
export function init(options: InitOptions): Client {
  return createClient(options, importPostHog)
}

export { maskUrl, hasPrivacySignal } from './posthog/index.js'
export { FirstpartyError } from './errors.js'
export type { Client, InitOptions, Persistence, Properties } from './posthog/index.js'
