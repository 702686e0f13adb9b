import { squash } from '../trackers/rules.js'
import type { Tracker } from '../trackers/types.js'

/**
 * The catalog as the in-page guard carries it: one string, trackers separated by `|`, tokens by spaces;
 * each tracker is `id token…`. A token is a host suffix, a path rule (`/…`), the first snippet fingerprint
 * squashed (`~…`), a function global to stub (`=name`) or a queue global to stub with an array (`[name`).
 */
export type GuardData = string

/** Hosts already covered by a broader suffix of the same tracker add nothing to the guard. */
const redundant = (host: string, hosts: readonly string[]): boolean => hosts.some((h) => h !== host && host.endsWith(`.${h}`))

/**
 * Compact the tracker catalog for the guard. Run at build time for `dist/guard.global.js`, so the IIFE
 * carries the same data as the catalog without names and cookies, for trackers not marked `guard: false`.
 * @example
 * ```ts
 * compactCatalog(TRACKERS).split('|')[0] // "ga4 analytics.google.com /gtag/js?id=G- … ~gtag('config','G- =gtag [dataLayer"
 * ```
 */
export function compactCatalog(trackers: readonly Tracker[]): GuardData {
  return trackers
    .filter((t) => t.guard !== false)
    .map((t) => {
      const first = t.snippets[0]
      const tokens = [
        t.id,
        ...t.hosts.filter((h) => !redundant(h, t.hosts)),
        // Lowercase, as they are compared with the decoded, lowercased path and query.
        ...t.paths.map((p) => p.toLowerCase()),
        ...(first ? [`~${squash(first)}`] : []),
        ...(t.stubs ?? []).map((g) => `=${g}`),
        ...(t.queues ?? []).map((g) => `[${g}`),
      ]
      const bad = tokens.find((x) => /[\s|]/.test(x))
      if (bad) throw new Error(`compactCatalog: token of ${t.id} contains a separator: ${bad}`)
      return tokens.join(' ')
    })
    .join('|')
}

/** Rows of tokens, `[id, ...tokens]`, from {@link compactCatalog}'s string. */
export const decodeGuardData = (data: GuardData): string[][] => data.split('|').map((row) => row.split(' '))
