// What a live page left behind (requests, cookies, storage keys, globals) → findings. Patterns come
// from the catalog; only the matching logic lives here.
import { isAllowedHost, TRACKERS, type Tracker } from '../../trackers/index.js'
import { classifyUrl, subjectOf, thirdPartySubject } from '../classify.js'
import { clip } from '../static/script.js'
import type { Evidence, Finding } from '../types.js'

/** One request the page made. */
export interface RequestRecord {
  url: string
  /** Playwright resource type: document, script, image, xhr, fetch, ping… */
  type: string
  phase: 'before-consent' | 'after-consent'
  /** Scripts (then the page) that led to it, nearest first. */
  initiators: string[]
}

/** Where the findings belong. */
export interface PageRef {
  /** Page URL (for classification). */
  url: string
  /** Name in the report: the URL, or the served file. */
  name: string
  allow: readonly string[]
}

/** A tracker whose own host the user allowed is allowed everywhere (its cookies and globals too). */
function allowed(tracker: Tracker, allow: readonly string[]): boolean {
  return allow.length > 0 && tracker.hosts.some((h) => isAllowedHost(h, allow))
}

/** Tracker requests (one per tracker and endpoint) and one warning per uncatalogued third-party host. */
export function requestFindings(requests: readonly RequestRecord[], page: PageRef): Finding[] {
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const r of requests) {
    const c = classifyUrl(r.url, page.allow, page.url)
    if (!c) continue
    const u = new URL(c.url)
    const key = c.kind === 'tracker' ? `${c.tracker.id} ${u.host}${u.pathname}` : u.host
    if (seen.has(key)) continue
    seen.add(key)
    const evidence: Evidence = { source: `${r.type} request`, match: clip(r.url), phase: r.phase, ...(r.initiators.length ? { initiators: r.initiators } : {}) }
    out.push(
      c.kind === 'tracker'
        ? { severity: 'error', rule: 'tracker-request', subject: subjectOf(c.tracker), page: page.name, evidence, message: `request to ${c.tracker.name}` }
        : {
            severity: 'warning',
            rule: 'third-party',
            subject: c.subject,
            page: page.name,
            evidence,
            message: `request to third party ${c.subject.name} (${c.subject.category})`,
          },
    )
  }
  return out
}

/** Does a cookie name match a catalog pattern (`_ga`, or a prefix `_ga_*`)? */
export function nameMatches(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
}

function trackerForName(name: string, allow: readonly string[]): Tracker | undefined {
  const t = TRACKERS.find((tr) => tr.cookies.some((p) => nameMatches(name, p)))
  return t && !allowed(t, allow) ? t : undefined
}

/** Tracker cookies (`tracker-cookie`) and localStorage keys named like them (`tracker-storage`). */
export function storageFindings(
  items: readonly { name: string; domain?: string; phase: RequestRecord['phase']; kind: 'cookie' | 'localStorage' }[],
  page: PageRef,
): Finding[] {
  const out: Finding[] = []
  for (const item of items) {
    const t = trackerForName(item.name, page.allow)
    if (!t) continue
    const cookie = item.kind === 'cookie'
    out.push({
      severity: 'error',
      rule: cookie ? 'tracker-cookie' : 'tracker-storage',
      subject: subjectOf(t),
      page: page.name,
      evidence: { source: cookie ? `cookie${item.domain ? ` on ${item.domain}` : ''}` : 'localStorage key', match: item.name, phase: item.phase },
      message: `${t.name} ${cookie ? 'cookie' : 'localStorage key'} ${item.name}`,
    })
  }
  return out
}

/** Every global any catalogued tracker defines, for the page to check. */
export function allGlobals(): string[] {
  return [...new Set(TRACKERS.flatMap((t) => t.globals))]
}

/** Globals that are plain queue arrays (`dataLayer`, `_hsq`…). */
export function allQueues(): string[] {
  return [...new Set(TRACKERS.flatMap((t) => t.queues ?? []))]
}

/**
 * One finding per tracker whose globals exist. Shared globals (`dataLayer`) go to a tracker already
 * identified by a global of its own, else to the first catalog entry listing them.
 */
export function globalFindings(present: readonly string[], phase: RequestRecord['phase'], page: PageRef): Finding[] {
  const found = new Set(present)
  const owners = new Map<string, Tracker[]>()
  for (const t of TRACKERS) for (const g of t.globals) owners.set(g, [...(owners.get(g) ?? []), t])
  const hits = new Map<Tracker, string[]>()
  for (const t of TRACKERS) {
    const own = t.globals.filter((g) => found.has(g) && owners.get(g)?.length === 1)
    if (own.length) hits.set(t, own)
  }
  for (const g of found) {
    const candidates = owners.get(g) ?? []
    if (candidates.length < 2) continue
    const owner = candidates.find((t) => hits.has(t)) ?? candidates[0]
    if (owner) hits.set(owner, [...(hits.get(owner) ?? []), g])
  }
  const out: Finding[] = []
  for (const [t, globals] of hits) {
    if (allowed(t, page.allow)) continue
    out.push({
      severity: 'error',
      rule: 'tracker-global',
      subject: subjectOf(t),
      page: page.name,
      evidence: { source: 'window global', match: globals.join(', '), phase },
      message: `${t.name} global${globals.length > 1 ? 's' : ''} ${globals.join(', ')} on the page`,
    })
  }
  return out
}

/**
 * Global names are weak evidence (`analytics`, `heap`, `ga` are common words, and a consent stub sends
 * nothing): a global is an error only when the same tracker also sent a request or set a cookie/key.
 */
export function corroborateGlobals(findings: Finding[]): Finding[] {
  const seen = new Set(findings.filter((f) => f.rule !== 'tracker-global' && f.severity === 'error').map((f) => f.subject.id))
  return findings.map((f) =>
    f.rule !== 'tracker-global' || seen.has(f.subject.id)
      ? f
      : { ...f, severity: 'warning' as const, message: `${f.message}, but it sent nothing (a stub, or a name clash)` },
  )
}

/** One entry of `window.firstparty.blocked`, as the guard records it. */
export interface GuardBlock {
  /** Catalog id, or (strict mode, CSP) the host. */
  tracker: string
  /** How the page tried: `script.src`, `fetch`, `sendBeacon`, `csp:script-src`… */
  vector: string
  url: string
}

/**
 * Attempts firstparty's guard stopped: the page (or a plugin, a tag manager) still ships the tracker, the
 * guard kept it from loading. A warning of its own, `tracker-blocked`, so a guarded page is not "clean"
 * while its code still tries: the static audit reports the same tracker as an error in the source.
 */
export function blockedFindings(blocks: readonly GuardBlock[], phase: RequestRecord['phase'], page: PageRef): Finding[] {
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const b of blocks) {
    if (typeof b?.tracker !== 'string' || typeof b.vector !== 'string') continue
    const key = `${b.tracker} ${b.vector}`
    if (seen.has(key)) continue
    seen.add(key)
    const tracker = TRACKERS.find((t) => t.id === b.tracker)
    let subject = tracker ? subjectOf(tracker) : undefined
    if (!subject) {
      try {
        subject = thirdPartySubject(/^[a-z]+:/i.test(b.url) ? b.url : `https://${b.tracker}/`)
      } catch {
        continue
      }
    }
    out.push({
      severity: 'warning',
      rule: 'tracker-blocked',
      subject,
      page: page.name,
      evidence: { source: `blocked by the guard (${b.vector})`, match: clip(String(b.url ?? b.tracker)), phase },
      message: `the page tried to load ${subject.name}; firstparty's guard stopped it (${b.vector})`,
    })
  }
  return out
}
