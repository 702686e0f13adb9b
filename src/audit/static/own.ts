// firstparty's own guard carries the tracker catalog (hosts, paths, snippet fingerprints) to block
// trackers; scanning it would report every tracker it blocks. Recognise it and leave it out.
import { compactCatalog } from '../../guard/compact.js'
import { TRACKERS } from '../../trackers/index.js'

let data: string | undefined
let rows: RegExp | undefined

/**
 * Is this script firstparty's guard? True when it embeds the compact catalog of this version, or (for
 * a guard from another version) at least five `|id;` catalog rows (`|id ` in earlier builds).
 *
 * @example isFirstpartyGuard(readFileSync('dist/guard.global.js', 'utf8')) // true
 */
export function isFirstpartyGuard(text: string): boolean {
  if (!text.includes('|')) return false
  data ??= compactCatalog(TRACKERS)
  if (text.includes(data)) return true
  rows ??= new RegExp(`\\|(?:${TRACKERS.map((t) => t.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[ ;]`, 'g')
  let count = 0
  for (const _ of text.matchAll(rows)) if (++count >= 5) return true
  return false
}
