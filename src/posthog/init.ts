import { createClient, type Client } from './client.js'
import type { InitOptions } from './options.js'
import { importPostHog } from './load.js'

/**
 * Start first-party analytics: the landing is kept at once, posthog-js is imported once the page is
 * idle, through your own origin (and the cross-domain link module at once, when `attribution.crossDomain` is set). Safe to call on the server (returns a client that does nothing).
 * @example
 * ```ts
 * import { init } from 'firstparty'
 * const analytics = init({ token: 'phc_…', apiHost: '/ingest' })
 * analytics.track('cta_clicked', { cta: 'hero' })
 * ```
 */
export function init(options: InitOptions): Client {
  // Chunks of their own, fetched at init: the early part always, the cross-domain link module only on
  // sites with attribution.crossDomain.
  return createClient(
    options,
    importPostHog,
    () => import('./early.js'),
    () => import('./cross-domain.js'),
  )
}
