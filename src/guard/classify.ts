// How the guard decides and reports: URL verdicts and snippet fingerprints against the compact catalog,
// with the matching primitives the Node-side catalog uses (src/trackers/rules.ts). It ships inline (budget in
// .size-limit.cjs), so it keeps to a scan over two dozen rows, with a cache of verdicts in front of it.
import { allowedBy, decodePath, hostIn, pathMatches, squash, urlHost } from '../trackers/rules.js'
import { carriesGuard } from './detect.js'
import { decodeGuardData, type GuardData } from './compact.js'

/**
 * The event on `window` for each block (detail: a {@link BlockedReport}). The guard also uses it as the mark on
 * the loading elements' prototypes and as a script type that never runs: one string, which gzips once.
 */
export const BLOCKED_EVENT = 'firstparty:blocked'

/** Options of the guard; `guardSnippet` bakes them into the inline script. */
export interface GuardOptions {
  /**
   * Hosts the site trusts completely, in CSP host-source form (`cdn.example.com`, `*.example.com`).
   * `firstparty/guard` and `guardSnippet()` normalise URLs to that form; `data-allow` on the bare
   * `guard.global.js` is taken as written (lowercase hosts).
   */
  allow?: readonly string[] | undefined
  /** `catalog` blocks known trackers; `strict` also blocks every other third-party host. @default 'catalog' */
  mode?: 'catalog' | 'strict'
  /**
   * Console warning per block. Added by `guardSnippet()` and `firstparty/guard` (not by the bare
   * `guard.global.js`, which stays minimal). @default true on localhost/127.0.0.1
   */
  dev?: boolean
}

/** One block, as pushed to `window.firstparty.blocked` and sent as the `firstparty:blocked` event detail. */
export interface BlockedReport {
  /** Catalog id (`'ga4'`), or the host for strict-mode and CSP blocks. */
  tracker: string
  /** The API it came through: `src`, `setAttribute`, `appendChild`, `innerHTML`, `write`, `fetch`, `parser`, `csp:img-src`… */
  vector: string
  /** The URL without query and fragment (they often carry page data), or `inline` for a snippet. */
  url: string
  time: number
}

/**
 * The guard's decisions; every `check`/`sniff` hit is reported before it returns. What only the CSP stopped
 * (`securitypolicyviolation` in this document) is reported the same way from the moment the classifier exists.
 */
export interface Classifier {
  /** Globals to stub (`[name` for a queue array): those of every tracker whose hosts the site does not allow. */
  stubs: string[]
  /** The tracker a URL belongs to; '' for none (as from `check` and `sniff`: the guard's hot paths test truthiness). */
  verdict(url: unknown): string
  check(url: unknown, vector: string): string
  sniff(text: unknown, vector: string): string
}

/**
 * Build the classifier for this page. Reports go to `blocked` and a `firstparty:blocked` event on `window`.
 * Matching follows src/trackers/rules.ts (a property test keeps the two in agreement): path rules are
 * lowercase already (see `compactCatalog`) and `URL` lowercases hostnames.
 */
export function createClassifier(options: GuardOptions, compact: GuardData, blocked: BlockedReport[]): Classifier {
  const rows = decodeGuardData(compact)
  const allowed = (host: string): boolean => (options.allow || []).some((entry) => allowedBy(host, entry))

  const report = (tracker: string, vector: string, url: unknown): string => {
    const detail: BlockedReport = { tracker, vector, url: String(url).split(/[?#]/)[0]!, time: Date.now() }
    blocked.push(detail)
    dispatchEvent(new CustomEvent(BLOCKED_EVENT, { detail }))
    return tracker
  }
  /** The tracker (or, in strict mode, third-party host) a URL belongs to, unless its host is allowed; '' for none. */
  const judge = (url: unknown): string => {
    let parsed: URL
    try {
      parsed = new URL(url as string, document.baseURI) // URL stringifies what it is given
    } catch {
      return ''
    }
    const host = urlHost(parsed)
    const path = decodePath(parsed.pathname)
    const query = decodePath(parsed.search)
    // No host: data:, blob:, javascript:, about: (nothing leaves the page by itself).
    if (!host || allowed(host)) return ''
    // Path rules first (gtag.js for GA4 and Ads share googletagmanager.com with GTM), then hosts.
    const row = rows.find((r) => r.paths.some((rule) => pathMatches(rule, path, query))) || rows.find((r) => r.hosts.some((suffix) => hostIn(host, suffix)))
    return row ? row.id : options.mode === 'strict' && host !== location.hostname ? host : ''
  }
  /** Pages set the same URLs again and again (images, beacons): remember verdicts, a thousand at most. */
  let seen: Record<string, string> = {} // keys end in ` <base URL>`: never an Object.prototype name
  let misses = 0
  // Every thousandth miss starts a new cache (its own verdict then goes to the old one, and is judged once more).
  const verdict = (url: unknown): string => (seen[`${url} ${document.baseURI}`] ??= (++misses % 1000 || (seen = {}), judge(url)))
  // The verdict is asked again only for a block (from the cache); '' and null ask nothing. The cast is for `&&`
  // alone (a falsy url ends the check as ''); nothing else of a string is assumed of it.
  const check = (url: unknown, vector: string): string => ((url as string) && verdict(url) && report(verdict(url), vector, url)) || ''
  /**
   * Inline code, by snippet fingerprint only (whitespace removed, quotes as `'`): a site script that merely
   * mentions a tracker URL still runs, and whatever it tries to load is stopped at the element or the network API.
   * Text that carries the guard itself (see detect.ts) holds every fingerprint of the catalog: not a snippet.
   */
  const sniff = (text: unknown, vector: string): string => {
    const squashed = squash(String(text))
    // The guard test second: most text matches no fingerprint, so it is never scanned again.
    const row = rows.find((r) => r.fingerprints.some((fingerprint) => squashed.includes(fingerprint)))
    return row && !carriesGuard(squashed, rows) ? report(row.id, vector, 'inline') : ''
  }
  // What only the CSP stopped (pixels in the HTML, <noscript>, import()): the tracker, or the host it was sent to.
  addEventListener('securitypolicyviolation', (event) => {
    const url = event.blockedURI
    // biome-ignore lint/style/useTemplate: concatenation is fewer bytes in the inline guard (the directive is a string)
    report(verdict(url) || url.split('/')[2] || url, 'csp:' + event.effectiveDirective, url)
  })
  // A tracker whose host the site allows gets no stubs: its own snippet defines them.
  const stubs = rows.filter((row) => !row.hosts.some(allowed)).flatMap((row) => row.stubs)
  return { stubs, verdict, check, sniff }
}
