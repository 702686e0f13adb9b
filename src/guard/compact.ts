import { squash } from '../trackers/rules.js'
import type { Tracker } from '../trackers/types.js'
import { FirstpartyError } from '../errors.js'

/**
 * The catalog as the in-page guard carries it: one string, trackers separated by `|`, each tracker
 * `id;hosts;paths;fingerprint;stubs` with tokens in a field separated by spaces: host suffixes, path rules
 * (lowercase), the first snippet fingerprint squashed, and globals to stub (`[name` for a queue array).
 */
export type GuardData = string

/** One tracker as the guard uses it, decoded from {@link GuardData}. */
export interface GuardRow {
  /** Catalog id, reported as `tracker`. */
  id: string
  /** Host suffixes (a host is the suffix or a subdomain of it). */
  hosts: string[]
  /** Path rules, lowercase (see `pathMatches` in src/trackers/rules.ts). */
  paths: string[]
  /** Snippet fingerprints, squashed (see `squash`). */
  fingerprints: string[]
  /** Globals to stub; `[name` for a queue array. */
  stubs: string[]
}

/** Hosts already covered by a broader suffix of the same tracker add nothing to the guard. */
const redundant = (host: string, hosts: readonly string[]): boolean => hosts.some((h) => h !== host && host.endsWith(`.${h}`))

/**
 * Compact the tracker catalog for the guard. Run at build time for `dist/guard.global.js`, so the IIFE
 * carries the same data as the catalog without names and cookies, for trackers not marked `guard: false`.
 * @example
 * ```ts
 * compactCatalog(TRACKERS).split('|')[0] // "ga4;analytics.google.com;/gtag/js?id=g- …;gtag('config','G-;gtag [dataLayer"
 * ```
 */
export function compactCatalog(trackers: readonly Tracker[]): GuardData {
  return trackers
    .filter((t) => t.guard !== false)
    .map((t) => {
      const fields = [
        [t.id],
        t.hosts.filter((h) => !redundant(h, t.hosts)),
        // Lowercase, as they are compared with the decoded, lowercased path and query.
        t.paths.map((p) => p.toLowerCase()),
        t.snippets.slice(0, 1).map(squash),
        [...(t.stubs ?? []), ...(t.queues ?? []).map((g) => `[${g}`)],
      ]
      const bad = fields.flat().find((x) => !x || /[\s|;]/.test(x))
      if (bad !== undefined) throw new FirstpartyError(`compactCatalog(): token of ${t.id} is empty or contains a separator: ${bad}`)
      return fields.map((f) => f.join(' ')).join(';')
    })
    .join('|')
}

/** The rows of {@link compactCatalog}'s string, in catalog order. */
export const decodeGuardData = (data: GuardData): GuardRow[] =>
  data.split('|').map((row) => {
    // compactCatalog writes all five fields (empty ones as ''), and never an empty id.
    const [[id], hosts, paths, fingerprints, stubs] = row.split(';').map((field) => field.split(' ').filter(String)) as [
      [string],
      string[],
      string[],
      string[],
      string[],
    ]
    return { id, hosts, paths, fingerprints, stubs }
  })
