// Tracker code inside JavaScript: inline <script> blocks, bundles and chunks. Plain string search
// (the catalog's fingerprints and id patterns) — parsing a 1.6 MB bundle costs ~50× more.
import { findSnippets, findTrackerIds, type Tracker } from '../../trackers/index.js'
import { classifyUrl, subjectOf } from '../classify.js'
import type { Finding } from '../types.js'
import { isFirstpartyGuard } from './own.js'

/** Absolute or protocol-relative URLs inside string literals. */
const URL_LITERAL = /(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#][^\s"'`<>\\]*)?/gi

/** Where the scanned text sits in its file, and how to name it. */
export interface ScriptContext {
  /** The page (file) the script belongs to. */
  page: string
  /** Evidence label: `inline <script>`, `script file`, … */
  source: string
  /** Offset of the script's first character in the file → 1-based position. */
  locate: (offset: number) => { line: number; column: number }
  /** Offset of the script text in the file. */
  offset: number
  allow: readonly string[]
  /** JSON data blocks (`application/json`, `ld+json`) hold links, not loaders: skip URL literals there. */
  data?: boolean
}

interface Hit {
  tracker: Tracker
  index: number
  match: string
  kind: 'snippet' | 'url'
}

/**
 * Scan JavaScript text for catalogued trackers: one finding per tracker per script, at its first
 * snippet or tracker URL, with the tracker ids seen in the same script; ids alone give a `tracker-id` finding.
 *
 * @example scanScript("gtag('config','G-ABC123')", ctx) // [{ rule: 'tracker-snippet', evidence: { ids: ['G-ABC123'] … } }]
 */
export function scanScript(text: string, ctx: ScriptContext): Finding[] {
  if (isFirstpartyGuard(text)) return []
  const { hits, idHits } = matches(text, ctx)
  const ids = new Map<string, { index: number; ids: string[]; tracker: Tracker }>()
  for (const t of idHits) {
    const entry = ids.get(t.tracker.id) ?? { index: t.index, ids: [], tracker: t.tracker }
    if (!entry.ids.includes(t.id)) entry.ids.push(t.id)
    entry.index = Math.min(entry.index, t.index)
    ids.set(t.tracker.id, entry)
  }
  const first = new Map<string, Hit>()
  for (const hit of hits) {
    const seen = first.get(hit.tracker.id)
    if (!seen || hit.index < seen.index || (hit.index === seen.index && hit.kind === 'snippet')) first.set(hit.tracker.id, hit)
  }
  const findings: Finding[] = []
  for (const hit of first.values()) {
    const found = ids.get(hit.tracker.id)?.ids
    findings.push(finding(ctx, 'tracker-snippet', hit.tracker, hit.index, hit.match, found))
  }
  for (const [id, entry] of ids) {
    if (!first.has(id)) findings.push(finding(ctx, 'tracker-id', entry.tracker, entry.index, entry.ids[0] ?? '', entry.ids))
  }
  return findings.sort((a, b) => (a.evidence.line ?? 0) - (b.evidence.line ?? 0) || (a.evidence.column ?? 0) - (b.evidence.column ?? 0))
}

interface Matches {
  hits: Hit[]
  idHits: { tracker: Tracker; id: string; index: number }[]
}

/** Sites repeat the same inline snippets on every page: memoise matches of short scripts (pure in text and allow). */
const MEMO_MAX_TEXT = 16 * 1024
const MEMO_LIMIT = 5_000
const memo = new Map<string, Matches>()

function matches(text: string, ctx: ScriptContext): Matches {
  const key = text.length <= MEMO_MAX_TEXT ? `${ctx.data ? 1 : 0}${ctx.allow.join(' ')}\n${text}` : undefined
  const cached = key === undefined ? undefined : memo.get(key)
  if (cached) return cached
  const hits: Hit[] = findSnippets(text).map((s) => ({ tracker: s.tracker, index: s.index, match: s.fingerprint, kind: 'snippet' }))
  if (!ctx.data && text.includes('//')) {
    for (const m of text.matchAll(URL_LITERAL)) {
      const c = classifyUrl(m[0], ctx.allow)
      if (c?.kind === 'tracker') hits.push({ tracker: c.tracker, index: m.index, match: m[0], kind: 'url' })
    }
  }
  const result = { hits, idHits: findTrackerIds(text) }
  if (key !== undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(key, result)
  }
  return result
}

function finding(ctx: ScriptContext, rule: 'tracker-snippet' | 'tracker-id', tracker: Tracker, index: number, match: string, ids?: string[]): Finding {
  const { line, column } = ctx.locate(ctx.offset + index)
  const what = rule === 'tracker-id' ? `${tracker.name} id ${match}` : `${tracker.name} code`
  return {
    severity: 'error',
    rule,
    subject: subjectOf(tracker),
    page: ctx.page,
    evidence: { source: ctx.source, match: clip(match), line, column, ...(ids && ids.length ? { ids } : {}) },
    message: `${what} in ${ctx.source}`,
  }
}

/** Keep evidence readable: long URLs and fingerprints are cut, not dropped. */
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
