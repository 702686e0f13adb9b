// Tracker code inside JavaScript/TypeScript: inline <script> blocks, components, site configs, bundles.
// Plain string search (the catalog's fingerprints, id patterns, package names) over the code with its
// comments blanked — parsing a 1.6 MB bundle costs ~50× more. CSP text in code is a permission, not a load.
import { findSnippets, findTrackerIds, type Tracker } from '../../trackers/index.js'
import { classifyUrl, subjectOf } from '../classify.js'
import type { Finding } from '../types.js'
import { scanCsp } from './csp.js'
import { maskComments, maskEscapedMarkup } from './mask.js'
import { isFirstpartyGuard } from './own.js'
import { ownCopy } from '../strings.js'
import { attributeHits, cspRegions, packageHits, type CspRegion, type PackageHit } from './signals.js'

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
  /** JSON data blocks (`application/json`, `ld+json`) and data files hold links, not loaders: skip URL literals there. */
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
  const { hits, idHits, csp, packages } = matches(text, ctx)
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
  for (const p of packages) findings.push(packageFinding(ctx, p))
  for (const region of csp) findings.push(...scanCsp(region.policy, ctx.page, ctx.locate(ctx.offset + region.start), ctx.allow, `CSP in ${ctx.source}`))
  return findings.sort((a, b) => (a.evidence.line ?? 0) - (b.evidence.line ?? 0) || (a.evidence.column ?? 0) - (b.evidence.column ?? 0))
}

interface Matches {
  hits: Hit[]
  idHits: { tracker: Tracker; id: string; index: number }[]
  csp: CspRegion[]
  packages: PackageHit[]
}

/** Sites repeat the same inline snippets on every page: memoise matches of short scripts (pure in text and allow). */
const MEMO_MAX_TEXT = 16 * 1024
const MEMO_LIMIT = 5_000
/** One memo per allow list and kind (code or data); the last one is kept at hand. */
const memos = new Map<string, Map<string, Matches>>()
let last: { allow: readonly string[]; data: boolean; memo: Map<string, Matches> } | undefined

function memoFor(ctx: ScriptContext): Map<string, Matches> {
  const data = ctx.data ?? false
  if (last && last.allow === ctx.allow && last.data === data) return last.memo
  const key = `${data ? 1 : 0}${ctx.allow.join('\n')}`
  let memo = memos.get(key)
  if (!memo) memos.set(key, (memo = new Map()))
  last = { allow: ctx.allow, data, memo }
  return memo
}

function matches(given: string, ctx: ScriptContext): Matches {
  const memo = given.length <= MEMO_MAX_TEXT ? memoFor(ctx) : undefined
  const cached = memo?.get(given)
  if (cached) return cached
  // What is memoised (the key, and matches cut from the text) must not keep the page it came from alive.
  const text = memo ? ownCopy(given) : given
  // Comments and escaped markup keep their length as spaces: offsets stay exact.
  const code = ctx.data ? text : maskEscapedMarkup(maskComments(text))
  const csp = ctx.data ? [] : cspRegions(code)
  const outsideCsp = (index: number): boolean => !csp.some((r) => index >= r.start && index < r.end)
  const hits: Hit[] = findSnippets(code).map((s) => ({ tracker: s.tracker, index: s.index, match: s.fingerprint, kind: 'snippet' as const }))
  if (!ctx.data && code.includes('//')) {
    for (const m of code.matchAll(URL_LITERAL)) {
      const c = classifyUrl(m[0], ctx.allow)
      if (c?.kind === 'tracker') hits.push({ tracker: c.tracker, index: m.index, match: m[0], kind: 'url' })
    }
  }
  if (!ctx.data) for (const a of attributeHits(code)) hits.push({ tracker: a.tracker, index: a.index, match: a.match, kind: 'snippet' })
  const packages = ctx.data ? [] : packageHits(code)
  const result = { hits: hits.filter((h) => outsideCsp(h.index)), idHits: findTrackerIds(code).filter((t) => outsideCsp(t.index)), csp, packages }
  if (memo) {
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(text, result)
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
    evidence: { source: ctx.source, match: clip(match), line, column, ...(ids?.length ? { ids } : {}) },
    message: `${what} in ${ctx.source}`,
  }
}

function packageFinding(ctx: ScriptContext, hit: PackageHit): Finding {
  const { line, column } = ctx.locate(ctx.offset + hit.index)
  return {
    severity: hit.maybe ? 'warning' : 'error',
    rule: 'tracker-package',
    subject: subjectOf(hit.tracker),
    page: ctx.page,
    evidence: { source: ctx.source, match: clip(hit.match), line, column },
    message: hit.maybe
      ? `${hit.pkg.name} is installed: it loads ${hit.tracker.name} when its ${Object.keys(hit.pkg.exports ?? {}).join('/')} parts are used`
      : `package ${hit.pkg.name} loads ${hit.tracker.name} (${ctx.source})`,
  }
}

/** Findings for a `package.json`: tracker packages among its dependencies. */
export function scanPackageJson(page: string, locate: (offset: number) => { line: number; column: number }, hits: readonly PackageHit[]): Finding[] {
  return hits.map((hit) => packageFinding({ page, source: 'package.json', locate, offset: 0, allow: [] }, hit))
}

/** Keep evidence readable: long URLs and fingerprints are cut, not dropped. */
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
