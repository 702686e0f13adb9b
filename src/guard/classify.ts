// How the guard decides and reports: URL verdicts and snippet fingerprints against the compact catalog,
// with the same matching rules as the Node-side catalog (src/trackers/rules.ts).
import { allowedBy, cleanHost, decodePath, hostIn, NETWORK_SCHEME, pathMatches, squash } from '../trackers/rules.js'
import { decodeGuardData, type GuardData } from './compact.js'

/** Options of the guard; `guardSnippet` bakes them into the inline script. */
export interface GuardOptions {
  /** Hosts the site trusts completely (CSP host-source form: `cdn.example.com`, `*.example.com`). */
  allow?: readonly string[]
  /** `catalog` blocks known trackers; `strict` also blocks every other third-party host. @default 'catalog' */
  mode?: 'catalog' | 'strict'
  /** Console warning per block. @default true on localhost/127.0.0.1 */
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
export const isHost = (x: string): boolean => /\w/.test(x[0] || '')

/**
 * Build the classifier for this page. Reports go to `blocked`, a `firstparty:blocked` event on `window`
 * and, in development, the console.
 */
export function createClassifier(options: GuardOptions, compact: GuardData, blocked: BlockedReport[]): Classifier {
  const D = document
  const rows = decodeGuardData(compact)
  const own = location.hostname
  const allow = (options.allow || []).map((e) => cleanHost(e.replace(/^\w+:\/\//, '').replace(/[/:].*/, '')))
  const dev = options.dev ?? /^(localhost|127\.0\.0\.1)$/.test(own)
  const allowed = (host: string): boolean => allow.some((e) => allowedBy(host, e))
  const scan = (f: (x: string) => boolean): string | undefined => {
    for (const [id, ...t] of rows) if (t.some(f)) return id
    return undefined
  }

  const report = (tracker: string, vector: string, url: unknown): string => {
    const detail: BlockedReport = { tracker, vector, url: String(url).split(/[?#]/)[0] || '', time: Date.now() }
    blocked.push(detail)
    dispatchEvent(new CustomEvent('firstparty:blocked', { detail }))
    if (dev) console.warn('[firstparty] blocked', detail)
    return tracker
  }
  /** The tracker (or, in strict mode, third-party host) a URL belongs to, unless its host is allowed. */
  const seen = new Map<string, string | undefined>()
  const verdict = (url: unknown): string | undefined => {
    let u: URL
    const raw = String(url).trim()
    const key = raw + D.baseURI
    if (seen.has(key)) return seen.get(key)
    try {
      u = new URL(raw, D.baseURI)
    } catch {
      return undefined
    }
    const host = cleanHost(u.hostname)
    const path = decodePath(u.pathname)
    const query = decodePath(u.search)
    const t =
      NETWORK_SCHEME.test(u.protocol) && !allowed(host)
        ? scan((x) => x[0] === '/' && pathMatches(x, path, query)) ||
          scan((x) => isHost(x) && hostIn(host, x)) ||
          (options.mode === 'strict' && host !== own ? host : undefined)
        : undefined
    if (seen.size < 500) seen.set(key, t)
    return t
  }
  const check = (url: unknown, vector: string): string | undefined => {
    const t = url ? verdict(url) : undefined
    return t && report(t, vector, url)
  }
  /**
   * Inline code, by snippet fingerprint only: a site script that merely mentions a tracker URL still runs,
   * and whatever it tries to load is stopped at the element or the network API.
   */
  const sniff = (text: unknown, vector: string): string | undefined => {
    const s = squash(String(text || ''))
    const t = s && scan((x) => x[0] === '~' && s.includes(x.slice(1)))
    return t && report(t, vector, 'inline')
  }
  return { rows, allowed, verdict, check, sniff, report }
}
