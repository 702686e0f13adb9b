// `firstparty/guard` for bundlers. Prefer the inline snippet (guardSnippet): a bundled guard runs only
// when your bundle runs, after anything earlier in the HTML.
import { installGuard as install, type GuardOptions, type GuardState } from './core.js'
import { GUARD_DATA } from './data.js'

/**
 * Install the script-guard with the built-in catalog.
 * @example
 * ```ts
 * import { installGuard } from 'firstparty/guard'
 * installGuard({ allow: ['*.youtube.com'] })
 * window.addEventListener('firstparty:blocked', (e) => console.log(e.detail))
 * ```
 */
export function installGuard(options: GuardOptions = {}): GuardState {
  return install(options, GUARD_DATA)
}

export { compactCatalog, type GuardData } from './compact.js'
export type { BlockedReport, GuardOptions, GuardState } from './core.js'
