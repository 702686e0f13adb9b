// Signals in code beyond snippets and URLs: Content-Security-Policy text (hosts there are permissions, not
// loads), tracker packages (imports, plugin names, package.json), and script attributes of self-hosted loaders.
import { packageOf, TRACKERS, TRACKER_PACKAGES, type Tracker, type TrackerPackage } from '../../trackers/index.js'

/** A stretch of code that is a CSP policy (or one directive of it). */
export interface CspRegion {
  start: number
  end: number
  /** The policy text, directives separated by `;`. */
  policy: string
}

const DIRECTIVE = '(?:default|script|script-src-elem|connect|img|frame|child|style|font|media|worker|object|manifest|prefetch)-src|form-action|frame-ancestors'
/** `script-src 'self' https://a.example *.b.example` inside a string: sources up to `;`, a quote or a backtick. */
const CSP_STRING = new RegExp(`\\b(${DIRECTIVE})((?:[ \\t\\r\\n]+(?:'[a-z0-9+/=_-]+'|[^\\s;"'\`,]+))+)`, 'gi')
/** Helmet-style directives: `scriptSrc: ["'self'", 'https://a.example']` or `'script-src': [...]`. */
const CSP_OBJECT =
  /(?:\b(defaultSrc|scriptSrc|scriptSrcElem|connectSrc|imgSrc|frameSrc|childSrc|styleSrc|fontSrc|mediaSrc|workerSrc|objectSrc)\b|['"]((?:default|script|connect|img|frame|child|style|font|media|worker|object)-src)['"])\s*:\s*\[([^\]]*)\]/g

/**
 * CSP policies written in code: header values in `next.config.js`, helmet directives, meta tags built in
 * JSX. Tracker hosts inside them are what the CSP *allows*, reported as `tracker-csp` warnings, not loads.
 *
 * @example cspRegions(`value: "script-src 'self' https://www.googletagmanager.com"`)[0]?.policy
 */
export function cspRegions(code: string): CspRegion[] {
  if (!/-src|Src\b|form-action|frame-ancestors/.test(code)) return []
  const regions: CspRegion[] = []
  for (const m of code.matchAll(CSP_STRING)) {
    const sources = m[2] ?? ''
    // A directive name followed by words of prose is not a policy: require a host, a keyword or a scheme.
    if (!/'[a-z-]+'|[a-z0-9-]+\.[a-z]{2,}|\b[a-z]+:(?=\s|$)|\*/i.test(sources)) continue
    regions.push({ start: m.index, end: m.index + m[0].length, policy: `${m[1]}${sources}`.replace(/\s+/g, ' ') })
  }
  for (const m of code.matchAll(CSP_OBJECT)) {
    const name = m[1] ? m[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) : (m[2] ?? '')
    const sources = [...(m[3] ?? '').matchAll(/(['"`])(.*?)\1/g)].map((s) => s[2] ?? '').filter(Boolean)
    regions.push({ start: m.index, end: m.index + m[0].length, policy: `${name} ${sources.join(' ')}` })
  }
  return regions.sort((a, b) => a.start - b.start)
}

/** A tracker package seen in code. */
export interface PackageHit {
  pkg: TrackerPackage
  tracker: Tracker
  /** Offset of the package name. */
  index: number
  /** What was seen: the specifier, or `Name from specifier` for a named import. */
  match: string
  /** A dependency or an import whose parts may or may not load the tracker. */
  maybe: boolean
}

const byId = new Map(TRACKERS.map((t) => [t.id, t]))
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
let literal: RegExp | undefined

/**
 * Tracker packages named in string literals of (comment-free) code: imports, `require`, dynamic `import()`,
 * plugin lists (`plugins: ['gatsby-plugin-google-gtag']`, `modules: ['nuxt-gtag']`, `resolve: '…'`).
 * Type-only imports load nothing. For packages with harmless parts, only the named exports that inject
 * the tracker count.
 *
 * @example packageHits("import ReactGA from 'react-ga4'")[0]?.tracker.id // 'ga4'
 */
export function packageHits(code: string): PackageHit[] {
  literal ??= new RegExp(`(['"\`])(${TRACKER_PACKAGES.map((p) => escape(p.name)).join('|')})(/[^'"\`\\s]*)?\\1`, 'g')
  const hits: PackageHit[] = []
  for (const m of code.matchAll(literal)) {
    const specifier = `${m[2] ?? ''}${m[3] ?? ''}`
    const pkg = packageOf(specifier)
    if (!pkg) continue
    const index = m.index + 1
    const before = code.slice(Math.max(0, m.index - 400), m.index)
    const statement = /(?:^|[;\n])\s*(import|export)\b((?:(?!\bfrom\b)[^;])*)\bfrom\s*$/.exec(before)
    if (statement && /^\s*type\b/.test(statement[2] ?? '')) continue
    if (pkg.exports) {
      // `import { GoogleAnalytics, YouTubeEmbed } from '@next/third-parties/google'` / `const { … } = require(…)`.
      const named = statement?.[2] ?? /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:require|await\s+import)\(\s*$/.exec(before)?.[1] ?? ''
      const names = [...named.matchAll(/([A-Za-z_$][\w$]*)(?:\s+as\s+[\w$]+)?/g)].map((n) => n[1] ?? '').filter((n) => n !== 'type')
      for (const name of names) {
        const tracker = byId.get(pkg.exports[name] ?? '')
        if (tracker) hits.push({ pkg, tracker, index, match: `${name} from ${specifier}`, maybe: false })
      }
      continue
    }
    const tracker = byId.get(pkg.tracker ?? '')
    if (tracker) hits.push({ pkg, tracker, index, match: specifier, maybe: false })
  }
  return hits
}

/**
 * Tracker packages in a `package.json`'s dependency lists, with the offset of each name.
 *
 * @example dependencyHits('{"dependencies":{"vue-gtag":"^2.0.1"}}')[0]?.pkg.name // 'vue-gtag'
 */
export function dependencyHits(text: string): PackageHit[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return []
  }
  if (typeof data !== 'object' || data === null) return []
  const hits: PackageHit[] = []
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = (data as Record<string, unknown>)[field]
    if (typeof deps !== 'object' || deps === null) continue
    for (const name of Object.keys(deps)) {
      const pkg = packageOf(name)
      if (!pkg || pkg.name !== name) continue
      const trackers = pkg.exports ? [...new Set(Object.values(pkg.exports))] : [pkg.tracker ?? '']
      const fieldAt = text.indexOf(`"${field}"`)
      const index = text.indexOf(`"${name}"`, Math.max(fieldAt, 0)) + 1
      for (const id of trackers) {
        const tracker = byId.get(id)
        if (tracker) hits.push({ pkg, tracker, index, match: `${field}: ${name}`, maybe: !!pkg.exports })
      }
    }
  }
  return hits
}

/** One script-attribute signature: attribute name, optional value pattern, tracker. */
interface AttributeRule {
  name: string
  value?: RegExp
  tracker: Tracker
}

let attributeRules: AttributeRule[] | undefined

/** The catalog's `scriptAttributes` as rules. */
export function scriptAttributeRules(): AttributeRule[] {
  attributeRules ??= TRACKERS.flatMap((tracker) =>
    (tracker.scriptAttributes ?? []).map((spec) => {
      const at = spec.indexOf('=')
      return at < 0 ? { name: spec, tracker } : { name: spec.slice(0, at), value: new RegExp(spec.slice(at + 1)), tracker }
    }),
  )
  return attributeRules
}

/**
 * The tracker a `<script>` element's attributes identify (a self-hosted or proxied loader keeps its vendor's
 * attributes), with the attribute seen.
 *
 * @example trackerByAttributes({ src: '/stats.js', 'data-website-id': '…' })?.tracker.id // 'umami'
 */
export function trackerByAttributes(attribs: Record<string, string>): { tracker: Tracker; attribute: string } | undefined {
  for (const rule of scriptAttributeRules()) {
    const value = attribs[rule.name]
    if (value === undefined || (rule.value && !rule.value.test(value))) continue
    return { tracker: rule.tracker, attribute: `${rule.name}${value ? `="${value}"` : ''}` }
  }
  return undefined
}

/**
 * Script attributes written in code: JSX/HTML strings (`<Script data-domain=…>`) or config objects
 * (`{ src: '/js/script.js', 'data-website-id': '…' }`).
 *
 * @example attributeHits('<Script src="/s.js" data-domain="acme.example" />')[0]?.tracker.id // 'plausible'
 */
export function attributeHits(code: string): { tracker: Tracker; index: number; match: string }[] {
  if (!code.includes('data-')) return []
  const hits: { tracker: Tracker; index: number; match: string }[] = []
  for (const rule of scriptAttributeRules()) {
    if (!code.includes(rule.name)) continue
    const name = escape(rule.name)
    const pattern = new RegExp(`<script\\b[^>]*?\\s${name}(?:\\s*=\\s*\\{?\\s*['"]?([^'"\\s>}]*))?|['"]${name}['"]\\s*:\\s*['"\`]?([^'"\`,}]*)`, 'gi')
    for (const m of code.matchAll(pattern)) {
      const value = m[1] ?? m[2] ?? ''
      if (rule.value && !rule.value.test(value)) continue
      const index = m.index + m[0].indexOf(rule.name)
      hits.push({ tracker: rule.tracker, index, match: `${rule.name}${value ? `="${value}"` : ''}` })
    }
  }
  return hits
}
