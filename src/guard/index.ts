// `firstparty/guard` for bundlers. Prefer the inline snippet (guardSnippet): a bundled guard runs only
// when your bundle runs, after anything earlier in the HTML.
import { allowEntry } from '../trackers/match.js'
import { installGuard as install, type GuardOptions, type GuardState } from './core.js'
import { GUARD_DATA } from './data.js'

/** Console warning per block, for development (kept out of the inline guard, which stays minimal). */
export const warnOnBlock = (): void => addEventListener('firstparty:blocked', (e) => console.warn('[firstparty] blocked', (e as CustomEvent).detail))

/**
 * Install the script-guard with the built-in catalog. `allow` entries may be URLs; they are normalised to
 * CSP host-source form first, as `buildCsp` does.
 * @example
 * ```ts
 * import { installGuard } from 'firstparty/guard'
 * installGuard({ allow: ['*.youtube.com'] })
 * window.addEventListener('firstparty:blocked', (e) => console.log(e.detail))
 * ```
 */
export function installGuard(options: GuardOptions = {}): GuardState {
  const allow = (options.allow ?? []).map(allowEntry).filter((h): h is string => h !== undefined)
  const state = install({ ...options, allow }, GUARD_DATA)
  if (options.dev ?? /^(localhost|127\.0\.0\.1)$/.test(location.hostname)) warnOnBlock()
  return state
}

export { compactCatalog, type GuardData } from './compact.js'
export type { BlockedReport, GuardOptions, GuardState } from './core.js'
