// How the guard decides and reports: URL verdicts and snippet fingerprints against the compact catalog,
// with the same matching rules as the Node-side catalog (src/trackers/rules.ts). It ships inline under a
// tight gzip budget, so it is written for size: no caches, one scan over the rows.
import { decodeGuardData, type GuardData } from './compact.js'

/** Options of the guard; `guardSnippet` bakes them into the inline script. */
export interface GuardOptions {
  /**
   * Hosts the site trusts completely, in CSP host-source form (`cdn.example.com`, `*.example.com`).
   * `firstparty/guard` and `guardSnippet()` normalise URLs to that form; `data-allow` on the bare
   * `guard.global.js` is taken as written (lowercase hosts).
   */
  allow?: readonly string[]
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

/** The guard's decisions; every `check`/`sniff` hit is reported before it returns. */
export interface Classifier {
  rows: string[][]
  allowed(host: string): boolean
  verdict(url: unknown): string | undefined
  check(url: unknown, vector: string): string | undefined
  sniff(text: unknown, vector: string): string | undefined
  report(tracker: string, vector: string, url: unknown): string
}

/** A token that is a host suffix (not a path, fingerprint or stub). */
export const isHost = (x: string): boolean => /^\w/.test(x)

/** Percent-decoded and lowercased (a malformed escape is left as it is), as `decodePath` in rules.ts. */
const decode = (s: string): string => {
  try {
    s = decodeURIComponent(s)
  } catch {
    // keep it encoded
  }
  return s.toLowerCase()
}

/**
 * Build the classifier for this page. Reports go to `blocked` and a `firstparty:blocked` event on `window`.
 * Matching follows src/trackers/rules.ts (tested to agree with `matchUrl`), written out small: path rules
 * are lowercase already (see `compactCatalog`) and `URL` lowercases hostnames.
 */
export function createClassifier(options: GuardOptions, compact: GuardData, blocked: BlockedReport[]): Classifier {
  const rows = decodeGuardData(compact)
  const own = location.hostname
  const allowed = (host: string): boolean => (options.allow || []).some((e) => (e[0] === '*' ? host.endsWith(e.slice(1)) : host === e))
  /**
   * `[id, token]` pairs of one kind (a prefix char, or '' for hosts), in catalog order so the first tracker
   * wins as in `matchUrl`; path rules come as `[id, path, query?]`. Built once: every URL the page sets is
   * checked against them.
   */
  const kind = (c: string): string[][] =>
    rows.flatMap(([id, ...t]) => t.filter((x) => (c ? x[0] === c : isHost(x))).map((x) => [id!, ...(c === '/' ? x.split('?') : [x])]))
  const hosts = kind('')
  const paths = kind('/')
  const prints = kind('~')

  const report = (tracker: string, vector: string, url: unknown): string => {
    const detail: BlockedReport = { tracker, vector, url: String(url).split(/[?#]/)[0]!, time: Date.now() }
    blocked.push(detail)
    dispatchEvent(new CustomEvent('firstparty:blocked', { detail }))
    return tracker
  }
  /** The tracker (or, in strict mode, third-party host) a URL belongs to, unless its host is allowed. */
  const judge = (url: unknown): string | undefined => {
    let u: URL
    try {
      u = new URL(url as string, document.baseURI)
    } catch {
      return undefined
    }
    const host = u.hostname.replace(/\.+$/, '')
    const path = decode(u.pathname)
    const query = `&${decode(u.search).slice(1)}`
    return /^(http|ws)s?:$/.test(u.protocol) && !allowed(host)
      ? // Path rules first (gtag.js for GA4 and Ads share googletagmanager.com with GTM), then hosts.
        (
          paths.find(([, p, q]) => (p!.endsWith('/') ? path.includes(p!) : path.endsWith(p!)) && (q === undefined || query.includes(`&${q}`))) ||
          hosts.find(([, x]) => host === x || host.endsWith(`.${x}`))
        )?.[0] || (options.mode === 'strict' && host !== own ? host : undefined)
      : undefined
  }
  /** Pages set the same URLs again and again (images, beacons): remember the last thousand verdicts. */
  const seen = new Map<string, string | undefined>()
  const verdict = (url: unknown): string | undefined => {
    const key = `${url} ${document.baseURI}`
    if (!seen.has(key)) {
      if (seen.size > 999) seen.clear()
      seen.set(key, judge(url))
    }
    return seen.get(key)
  }
  const check = (url: unknown, vector: string): string | undefined => {
    const t = url ? verdict(url) : undefined
    return t && report(t, vector, url)
  }
  /**
   * Inline code, by snippet fingerprint only (whitespace removed, quotes as `'`): a site script that merely
   * mentions a tracker URL still runs, and whatever it tries to load is stopped at the element or the network API.
   */
  const sniff = (text: unknown, vector: string): string | undefined => {
    const s = String(text).replace(/\s+/g, '').replace(/["`]/g, "'")
    // Text that carries the guard itself (a framework repeating it in a data script, e.g. the Next.js RSC
    // payload) holds every fingerprint of the catalog: it is not a tracker snippet.
    const t = s && !s.includes('firstparty:blocked') ? prints.find(([, x]) => s.includes(x!.slice(1)))?.[0] : undefined
    return t && report(t, vector, 'inline')
  }
  return { rows, allowed, verdict, check, sniff, report }
}
