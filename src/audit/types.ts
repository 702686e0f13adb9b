// Shared shapes of the audit: one Finding type for static and live results, so every format prints both.

/**
 * How serious a finding is, by the category policy (see `policy.ts`): `error` fails CI (analytics, ads, tag
 * managers, session replay…), `warning` is reported (chat widgets, unknown hosts, a CSP that allows a tracker),
 * `note` is listed for the record (fonts, video, payments, CDNs).
 */
export type Severity = 'error' | 'warning' | 'note'

/**
 * What kind of evidence a finding rests on. Stable ids: SARIF `ruleId`s and JSON consumers rely on them.
 * - `tracker-resource`: an element loads a tracker URL (`<script src>`, `<img>` pixel, `<iframe>`, `<link>`).
 * - `tracker-snippet`: tracker loader code (inline script or JS bundle).
 * - `tracker-id`: a tracker account id (`G-…`, `GTM-…`, pixel id) in code or markup.
 * - `tracker-package`: a package that injects a tracker is imported, configured as a plugin, or a dependency.
 * - `tracker-csp`: a Content-Security-Policy (a `<meta>`, or a header value in code) allows a tracker host.
 * - `tracker-request`, `tracker-cookie`, `tracker-storage`, `tracker-global`: seen in a live browser.
 * - `tracker-blocked`: live, the page tried to load a tracker and firstparty's guard stopped it.
 * - `third-party`: an uncatalogued third-party host, named with the third-party-web data set.
 */
export type FindingRule =
  | 'tracker-resource'
  | 'tracker-snippet'
  | 'tracker-id'
  | 'tracker-package'
  | 'tracker-csp'
  | 'tracker-request'
  | 'tracker-cookie'
  | 'tracker-storage'
  | 'tracker-global'
  | 'tracker-blocked'
  | 'third-party'

/** Who a finding is about: a catalogued tracker, or a third party named by third-party-web. */
export interface FindingSubject {
  /** Catalog id (e.g. `google-analytics`), or `third-party:<root domain>` for uncatalogued hosts. */
  id: string
  name: string
  vendor: string
  category: string
}

/** Where and what: enough to find the offending line or request without re-running the audit. */
export interface Evidence {
  /** The element or source: `<script src>`, `inline <script>`, `script file`, `request`, `cookie`, … */
  source: string
  /** The matched text: a URL, a snippet fingerprint, an id, a cookie name, a global. */
  match: string
  /** 1-based line in the scanned file (static audit). */
  line?: number
  /** 1-based column in the scanned file (static audit). */
  column?: number
  /** Tracker ids seen with this evidence, e.g. the `G-…` in a gtag URL. */
  ids?: string[]
  /** Live audit: the scripts that led to this request, nearest first. */
  initiators?: string[]
  /** Live audit: whether the consent banner had been accepted when this was seen. */
  phase?: 'before-consent' | 'after-consent'
}

/** One problem on one page. */
export interface Finding {
  severity: Severity
  rule: FindingRule
  subject: FindingSubject
  /** The scanned file (relative path) or the page URL. */
  page: string
  evidence: Evidence
  /** One readable sentence. */
  message: string
}

/** An input that could not be audited (missing, unreadable, binary, not UTF-8, unreachable URL…). */
export interface AuditProblem {
  /** The file or URL. */
  target: string
  message: string
}

/** Files a static audit did not interpret, by type: they are counted, so "Clean" means everything was read. */
export interface SkippedFiles {
  /** The file type: an extension (`.xml`), or `no extension`, `lockfile`. */
  type: string
  /** The files, relative paths. */
  files: string[]
}

/** An input that was audited, but with a caveat (e.g. invalid UTF-8 decoded lossily). */
export interface AuditNotice {
  target: string
  message: string
}

/** Live audit: what one page did, findings or not (the evidence that it talks only to its own origin). */
export interface PageActivity {
  page: string
  url: string
  /** Every request: URL, resource type, phase. */
  requests: { url: string; type: string; phase: 'before-consent' | 'after-consent' }[]
  /** Cookies at the end, `name@domain`. */
  cookies: string[]
  /** `localStorage` keys at the end. */
  storage: string[]
  /** What `acceptConsent` clicked. */
  consent?: string
}

/** Result of a static or live audit. */
export interface AuditReport {
  mode: 'static' | 'live'
  /** Files or pages audited successfully. */
  pages: string[]
  findings: Finding[]
  problems: AuditProblem[]
  /** Static audit: files not audited because their type can't be interpreted ("not audited (type)"). */
  skipped?: SkippedFiles[]
  /** Static audit: asset files (images, fonts, media, archives, source maps) not read: nothing loads from them. */
  assets?: number
  /** Inputs audited with a caveat. */
  notices?: AuditNotice[]
  /** Wall time of the audit in milliseconds. */
  durationMs: number
  /** Live audit: per-page activity, in the JSON report. */
  activity?: PageActivity[]
}
