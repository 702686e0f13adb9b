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

/** Squashed fingerprints, computed once: `[tracker, fingerprint, squashed]`. */
let needles: [Tracker, string, string][] | undefined

/**
 * Map offsets in `squash(text)` back to offsets in `text` (whitespace is what squashing removes; quotes keep
 * their place). `squashedAt` must be sorted.
 */
function originalOffsets(text: string, squashedAt: readonly number[]): number[] {
  const out: number[] = []
  let kept = 0
  let next = 0
  for (let i = 0; i < text.length && next < squashedAt.length; i++) {
    if (/\s/.test(text.charAt(i))) continue
    while (next < squashedAt.length && squashedAt[next] === kept) {
      out.push(i)
      next++
    }
    kept++
  }
  while (out.length < squashedAt.length) out.push(text.length)
  return out
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
  needles ??= TRACKERS.flatMap((t) => t.snippets.map((f): [Tracker, string, string] => [t, f, squash(f)]))
  const squashed = squash(text)
  const hits: { tracker: Tracker; fingerprint: string; at: number }[] = []
  for (const [tracker, fingerprint, needle] of needles) {
    for (let at = squashed.indexOf(needle); at >= 0; at = squashed.indexOf(needle, at + needle.length)) hits.push({ tracker, fingerprint, at })
  }
  if (hits.length === 0) return []
  hits.sort((a, b) => a.at - b.at)
  const offsets = originalOffsets(
    text,
    hits.map((h) => h.at),
  )
  return hits.map((h, i) => ({ tracker: h.tracker, fingerprint: h.fingerprint, index: offsets[i] ?? 0 }))
}

/** A literal every match of an id pattern contains, so texts without it skip the regular expression. */
export function requiredLiteral(source: string): string {
  // `quoted(…)` ids start with a context group; the id's own prefix (`G-`, `GTM-`) follows it.
  const body = source.replace(/^\(\?:\^\|\[[^\]]*\]\)\(/, '')
  let literal = ''
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i)
    if (c === '\\') {
      const n = body.charAt(i + 1)
      if (n === 'b') {
        i++
        continue
      }
      if (!/[.()/[\]?*+{}|^$\\-]/.test(n)) break
      literal += n
      i++
    } else if (/[[\](){}?*+|^$.]/.test(c)) {
      // A quantifier makes the character before it optional.
      if (/[?*{]/.test(c)) literal = literal.slice(0, -1)
      break
    } else literal += c
  }
  return literal
}

/** Compiled id patterns with their required literals, once. */
let idPatterns: { tracker: Tracker; pattern: RegExp; literal: string }[] | undefined

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
  idPatterns ??= TRACKERS.flatMap((tracker) => tracker.ids.map((source) => ({ tracker, pattern: new RegExp(source, 'g'), literal: requiredLiteral(source) })))
  const found: TrackerIdMatch[] = []
  const seen = new Set<string>()
  for (const { tracker, pattern, literal } of idPatterns) {
    if (literal.length >= 2 && !text.includes(literal)) continue
    for (const m of text.matchAll(pattern)) {
      const id = m[1]
      if (!id) continue
      const index = (m.index ?? 0) + m[0].indexOf(id)
      const key = `${tracker.id}:${id}:${index}`
      if (seen.has(key)) continue
      seen.add(key)
      found.push({ tracker, id, index })
    }
  }
  return found.sort((a, b) => a.index - b.index)
}
