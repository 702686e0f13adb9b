import { TRACKERS } from './catalog.js'
import { squash } from './rules.js'
import type { Tracker } from './types.js'

/** A snippet fingerprint found in page text. `index` is the offset in the original text. */
export interface SnippetMatch {
  tracker: Tracker
  fingerprint: string
  index: number
}

/** A tracker account/property id found in page text. */
export interface TrackerIdMatch {
  tracker: Tracker
  id: string
  index: number
}

/** `squash(text)` plus, for each kept character, its offset in `text`. */
function squashWithOffsets(text: string): { squashed: string; offsets: number[] } {
  let squashed = ''
  const offsets: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i)
    if (/\s/.test(c)) continue
    squashed += c === '"' || c === '`' ? "'" : c
    offsets.push(i)
  }
  return { squashed, offsets }
}

/**
 * Inline tracker snippets in a script or HTML text, by fingerprint (whitespace and quote style ignored).
 * Each tracker is reported once per fingerprint occurrence, in text order.
 * @example
 * ```ts
 * findSnippets("fbq( 'init', '1234567890' )").map((m) => m.tracker.id) // ['meta-pixel']
 * ```
 */
export function findSnippets(text: string): SnippetMatch[] {
  const { squashed, offsets } = squashWithOffsets(text)
  const found: SnippetMatch[] = []
  for (const tracker of TRACKERS) {
    for (const fingerprint of tracker.snippets) {
      const needle = squash(fingerprint)
      for (let at = squashed.indexOf(needle); at >= 0; at = squashed.indexOf(needle, at + needle.length)) {
        found.push({ tracker, fingerprint, index: offsets[at] ?? 0 })
      }
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

/**
 * Tracker ids (GA4 `G-…`, `UA-…`, `GTM-…`, `AW-…`, Meta/TikTok/LinkedIn pixel ids…) where they appear in
 * code or URLs. Ids are only taken in context (quoted, after `=` or `/`, or inside the vendor's call) to avoid
 * matching prose.
 * @example
 * ```ts
 * findTrackerIds("gtag('config', 'G-ABC1234567')")[0]?.id // 'G-ABC1234567'
 * ```
 */
export function findTrackerIds(text: string): TrackerIdMatch[] {
  const found: TrackerIdMatch[] = []
  const seen = new Set<string>()
  for (const tracker of TRACKERS) {
    for (const source of tracker.ids) {
      for (const m of text.matchAll(new RegExp(source, 'g'))) {
        const id = m[1]
        if (!id) continue
        const index = (m.index ?? 0) + m[0].indexOf(id)
        const key = `${tracker.id}:${id}:${index}`
        if (seen.has(key)) continue
        seen.add(key)
        found.push({ tracker, id, index })
      }
    }
  }
  return found.sort((a, b) => a.index - b.index)
}
