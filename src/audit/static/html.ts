// Streaming HTML scan with htmlparser2: resource elements (incl. <noscript> pixels), inline scripts,
// CSP <meta> and ids in other <meta> tags. Fed chunk by chunk, so page size does not matter.
import { decodeAttribute, Parser } from './parser.js'
import { findTrackerIds } from '../../trackers/index.js'
import { classifyUrl, subjectOf, type UrlClass } from '../classify.js'
import type { Finding } from '../types.js'
import { scanCsp } from './csp.js'
import { LineIndex } from './lines.js'
import { clip, scanScript } from './script.js'
import { trackerByAttributes } from './signals.js'

/** Attributes that make the browser fetch something, per element. */
const FETCHING: Record<string, readonly string[]> = {
  script: ['src'],
  img: ['src', 'srcset', 'data-src'],
  iframe: ['src'],
  frame: ['src'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
  link: ['href'],
}

/** `<link rel>` values that fetch or connect; `canonical`/`alternate` links are only references. */
const FETCHING_REL = /\b(stylesheet|preload|modulepreload|prefetch|preconnect|dns-prefetch|icon|manifest)\b/i

/** Hints that fetch nothing from the host. */
const HINT_ONLY = /^\s*(preconnect|dns-prefetch)(\s+(preconnect|dns-prefetch))*\s*$/i

/** Script types that carry data, not code. `text/plain` stays code: consent managers park loaders in it. */
const DATA_TYPE = /json/i

/** A running scan of one HTML file. */
export interface HtmlScan {
  write(chunk: string): void
  /** Finish the document and return its findings in document order. */
  end(): Finding[]
}

/**
 * Start scanning one HTML document; feed it with `write` in order, then call `end`.
 *
 * @example
 * const scan = scanHtml('index.html', []); scan.write(html); const findings = scan.end()
 */
export function scanHtml(page: string, allow: readonly string[]): HtmlScan {
  const lines = new LineIndex()
  const findings: Finding[] = []
  const locate = (offset: number): { line: number; column: number } => lines.position(offset)
  let noscript = 0
  let script: { offset: number; text: string[]; data: boolean } | undefined

  const resource = (tag: string, attr: string, raw: string, at: number, rel: string): void => {
    // Component markup (Astro, JSX-like templates) writes attributes as expressions: src={`https://…`}.
    const value = raw.startsWith('{') ? raw.replace(/^\{\s*([`'"]?)([\s\S]*?)\1\s*\}$/, '$2') : raw
    const urls = attr.endsWith('srcset') ? value.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '') : [value]
    for (const u of urls) {
      const c = classifyUrl(u, allow)
      if (!c) continue
      const element = tag === 'link' ? `<link rel=${rel.trim().toLowerCase()}>` : `<${tag} ${attr}>`
      // A resource hint only resolves or connects: a warning, the real load will be an error of its own.
      const hint = tag === 'link' && HINT_ONLY.test(rel)
      findings.push(resourceFinding(c, page, `${noscript > 0 ? '<noscript> ' : ''}${element}`, locate(at), hint))
    }
  }

  const parser = new Parser(
    {
      onopentag(name, raw) {
        const at = parser.startIndex
        if (name === 'noscript') noscript++
        if (name !== 'meta' && !FETCHING[name]) return
        const attribs = decoded(raw)
        if (name === 'meta') return meta(attribs, at)
        const attrs = FETCHING[name] ?? []
        if (name === 'link' && !FETCHING_REL.test(attribs.rel ?? '')) return
        const before = findings.length
        for (const attr of attrs) {
          const value = attribs[attr]
          if (value) resource(name, attr, value, at, attribs.rel ?? '')
        }
        if (name === 'script' && !findings.slice(before).some((f) => f.rule === 'tracker-resource')) scriptAttributes(attribs, at)
        if (name === 'script' && !attribs.src) script = { offset: -1, text: [], data: DATA_TYPE.test(attribs.type ?? '') }
      },
      ontext(text) {
        if (!script) return
        if (script.offset < 0) script.offset = parser.startIndex
        script.text.push(text)
      },
      onclosetag(name) {
        if (name === 'noscript' && noscript > 0) noscript--
        if (name !== 'script' || !script) return
        const text = script.text.join('')
        if (text.trim()) {
          const source = script.data ? 'inline data <script>' : 'inline <script>'
          findings.push(...scanScript(text, { page, source, locate, offset: script.offset, allow, data: script.data }))
        }
        script = undefined
      },
    },
    // Entities are decoded by `decoded` below, in the attributes of the tags read (see decodeAttribute).
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )

  /** A self-hosted or proxied loader still carries its vendor's attributes (`data-website-id`, `data-cf-beacon`). */
  function scriptAttributes(attribs: Record<string, string>, at: number): void {
    const hit = trackerByAttributes(attribs)
    if (!hit) return
    const source = `${noscript > 0 ? '<noscript> ' : ''}<script ${hit.attribute.split('=')[0]}>`
    findings.push({
      severity: 'error',
      rule: 'tracker-resource',
      subject: subjectOf(hit.tracker),
      page,
      evidence: { source, match: clip(attribs.src ? `${attribs.src} ${hit.attribute}` : hit.attribute), ...locate(at) },
      message: `${source} loads ${hit.tracker.name} (its own attribute, on a self-hosted or proxied script)`,
    })
  }

  function meta(attribs: Record<string, string>, at: number): void {
    const content = attribs.content ?? ''
    if (!content) return
    if ((attribs['http-equiv'] ?? '').toLowerCase() === 'content-security-policy') {
      findings.push(...scanCsp(content, page, locate(at), allow))
      return
    }
    for (const t of findTrackerIds(content)) {
      findings.push({
        severity: 'warning',
        rule: 'tracker-id',
        subject: subjectOf(t.tracker),
        page,
        evidence: { source: '<meta content>', match: t.id, ...locate(at), ids: [t.id] },
        message: `${t.tracker.name} id ${t.id} in a <meta> tag`,
      })
    }
  }

  return {
    write(chunk) {
      lines.append(chunk)
      parser.write(chunk)
    },
    end() {
      parser.end()
      return findings.sort((a, b) => (a.evidence.line ?? 0) - (b.evidence.line ?? 0) || (a.evidence.column ?? 0) - (b.evidence.column ?? 0))
    },
  }
}

/** The attribute values of a tag the scan reads, with their character references decoded (in place: the parser's own object). */
function decoded(attribs: Record<string, string>): Record<string, string> {
  for (const name in attribs) {
    const value = attribs[name] as string
    if (value.includes('&')) attribs[name] = decodeAttribute(value)
  }
  return attribs
}

/** A finding for an element that fetches a tracker or an uncatalogued third party. */
export function resourceFinding(c: UrlClass, page: string, source: string, at: { line: number; column: number }, hint: boolean): Finding {
  if (c.kind === 'tracker') {
    const ids = findTrackerIds(c.url).map((t) => t.id)
    return {
      severity: hint ? 'warning' : 'error',
      rule: 'tracker-resource',
      subject: subjectOf(c.tracker),
      page,
      evidence: { source, match: clip(c.url), ...at, ...(ids.length ? { ids } : {}) },
      message: hint ? `${source} prepares a connection to ${c.tracker.name}` : `${source} loads ${c.tracker.name}`,
    }
  }
  return {
    severity: 'warning',
    rule: 'third-party',
    subject: c.subject,
    page,
    evidence: { source, match: clip(c.url), ...at },
    message: `${source} loads third party ${c.subject.name} (${c.subject.category})`,
  }
}
