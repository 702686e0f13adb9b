// "Is this text firstparty's own guard?", the one rule for it. The guard carries the tracker catalog (hosts,
// paths, snippet fingerprints), so a scanner that reads it, or a page that repeats it (the Next.js RSC payload
// repeats inline scripts), would take it for every tracker it blocks. The in-page classifier and the static
// audit (src/audit/static/own.ts) both ask here.
import { TRACKERS } from '../trackers/catalog.js'

/** Rows of the compact catalog a text must carry to be a guard: more than any snippet names, fewer than the catalog has. */
const GUARD_ROWS = 5

/**
 * Does `text` carry firstparty's guard? True when it holds at least five rows of the guard's compact catalog
 * (`|id;`) for the given trackers. Small on purpose: the inline guard runs it
 * on inline script text with its own catalog rows.
 * @example
 * ```ts
 * carriesGuard(readFileSync('dist/guard.global.js', 'utf8'), TRACKERS) // true
 * carriesGuard("fbq('init', '1')", TRACKERS) // false
 * ```
 */
export const carriesGuard = (text: string, trackers: readonly { id: string }[]): boolean =>
  !!trackers.filter((tracker) => text.includes(`|${tracker.id};`))[GUARD_ROWS - 1]

/**
 * Is this script firstparty's guard, of this version or another? {@link carriesGuard} with every catalog id.
 * @example
 * ```ts
 * isFirstpartyGuard(readFileSync('dist/guard.global.js', 'utf8')) // true
 * ```
 */
export function isFirstpartyGuard(text: string): boolean {
  return text.includes('|') && carriesGuard(text, TRACKERS)
}
