// The in-page guard. It ships inline before anything else in <head> under a tight gzip budget, so this
// file trades some readability for size: one generic hook (a Proxy around a method, setter or constructor)
// driven by a table, blocked URLs replaced by '' (an empty src fetches nothing and marks a script as
// already started, so it cannot be re-armed).
import { createClassifier, isHost, type BlockedReport, type GuardOptions } from './classify.js'
import type { GuardData } from './compact.js'

export type { BlockedReport, GuardOptions } from './classify.js'

/** What the guard keeps on `window.firstparty`. */
export interface GuardState {
  blocked: BlockedReport[]
  /** Calls made to stubbed tracker globals: `[name, args]`, e.g. `['fbq', ['track', 'Lead']]`. */
  calls: [string, unknown[]][]
  guarded?: boolean
}

// Prototype patching is untyped by nature; nothing `any` leaves this module.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
/** A hook body: may rewrite the arguments `a`, or return a value to skip the native call. */
type Hook = (a: Any[], self: Any, k: string) => unknown

/** Elements whose URL attributes fetch or execute something, and those attributes. */
const TAGS = 'script,img,iframe,link,embed,object'
const IS_TAG = /^(script|img|iframe|link|embed|object)$/
const HAS_TAG = /<(scr|img|ifr|lin|emb|obj)/i
const URL_ATTR = ['src', 'href', 'data']
/**
 * Script types that may run as JavaScript: none, `module`, any `…script…` MIME type (`text/javascript`,
 * `application/x-javascript`, `text/jscript`…) and Partytown's. JSON, templates and the like are not code.
 */
const JS_TYPE = /^\s*(module\s*)?$|script|partytown/i

/**
 * Install the guard in this window. Idempotent. Blocks are reported on `window.firstparty.blocked` and as
 * `firstparty:blocked` events on `window`; the PostHog wrapper turns them into `tracker_blocked` events.
 * @returns the guard state on `window.firstparty`
 * @example
 * ```ts
 * installGuard({ allow: ['*.youtube.com'], mode: 'catalog' }, compactCatalog(TRACKERS))
 * ```
 */
export function installGuard(options: GuardOptions, compact: GuardData): GuardState {
  const W: Any = window
  const D = document
  const fp: GuardState = (W.firstparty = W.firstparty || {})
  const calls = (fp.calls = fp.calls || [])
  if (fp.guarded) return fp
  fp.guarded = true

  const { rows, allowed, verdict, check, sniff, report } = createClassifier(options, compact, (fp.blocked = fp.blocked || []))
  const isScript = (el: Any): boolean => el.localName === 'script'
  /** Script text: '' when it carries a tracker snippet. */
  const text = (v: unknown, k: string): unknown => (sniff(v, k) ? '' : v)

  /** Vet one element; neutralise it when it points at a tracker or is a tracker snippet. */
  const one = (el: Any, k: string): unknown => {
    if (
      IS_TAG.test(el.localName) &&
      (URL_ATTR.some((a) => check(el.getAttribute(a), k)) ||
        (isScript(el) && JS_TYPE.test(el.getAttribute('type') || '') && sniff(el.textContent, k)))
    ) {
      el.type = 'firstparty/blocked'
      URL_ATTR.forEach((a) => el.removeAttribute(a))
      return 1
    }
    return 0
  }
  /**
   * Vet inserted nodes. An element's children were vetted when they were added, so only fragments —
   * template clones, parsed HTML — are walked; text added to a script is sniffed. Returns 1 when blocked.
   */
  const vet = (n: Any, k: string, parent?: Any): unknown => {
    const t = n?.nodeType // insertBefore(x, null), append('text')
    return t === 3
      ? parent && isScript(parent) && sniff(n.data, k) && (n.data = '')
      : t === 11
        ? [...n.querySelectorAll(TAGS)].filter((e) => one(e, k)).length
        : t === 1 && one(n, k)
  }
  /** Vet an HTML string in an inert template; the original passes through unless something was blocked. */
  const html = (h: unknown, k: string): unknown => {
    if (!HAS_TAG.test(String(h))) return h
    const t = D.createElement('template')
    htmlSet.call(t, h)
    return vet(t.content, k) ? t.innerHTML : h
  }

  const P = (c: string): Any => W[c]?.prototype
  /** Wrap `o[k]` (a method, a setter or a constructor) so `f` sees its arguments first. */
  const hook = (o: Any, names: string, f: Hook): void =>
    names.split(' ').forEach((k) => {
      const d: Any = o && Object.getOwnPropertyDescriptor(o, k)
      const s = d && (d.set ? 'set' : 'value')
      if (s && d[s]) {
        d[s] = new Proxy(d[s], {
          apply: (g, self, a) => f(a, self, k) ?? Reflect.apply(g, self, a),
          construct: (g, a, nt) => (f(a, 0, k) as object) ?? Reflect.construct(g, a, nt),
        })
        Object.defineProperty(o, k, d)
      }
    })
  const url: Hook = (a, _, k) => void (check(a[0], k) && (a[0] = ''))
  const htmlSet = Object.getOwnPropertyDescriptor(P('Element'), 'innerHTML')!.set!

  // URL setters, `class:property`.
  for (const e of 'Script:src Image:src IFrame:src Embed:src Link:href Object:data'.split(' ')) {
    const [c, k] = e.split(':') as [string, string]
    hook(P(`HTML${c}Element`), k, url)
  }
  hook(P('HTMLScriptElement'), 'text', (a, _, k) => void (a[0] = text(a[0], k)))
  hook(P('Element'), 'innerHTML', (a, el, k) => void (a[0] = isScript(el) ? text(a[0], k) : html(a[0], k)))
  hook(P('Element'), 'setAttribute', (a, el, k) => {
    if (IS_TAG.test(el.localName) && URL_ATTR.includes(String(a[0]).toLowerCase()) && check(a[1], k)) a[1] = ''
  })
  // Insertion: scripts created with text, clones, parsed-then-moved nodes, text added to a script.
  const insert: Hook = (a, el, k) => void a.forEach((n) => vet(n, k, el))
  hook(P('Node'), 'appendChild insertBefore replaceChild', insert)
  hook(P('Element'), 'append prepend before after replaceWith insertAdjacentElement', insert)
  hook(P('Element'), 'insertAdjacentHTML', (a, _, k) => void (a[1] = html(a[1], k)))
  hook(P('Range'), 'createContextualFragment', (a, _, k) => void (a[0] = html(a[0], k)))
  hook(P('Document'), 'write writeln', (a, _, k) => void a.splice(0, 1e9, html(a.join(''), k)))
  // Network APIs. Blocked calls look like they worked, so page code keeps going.
  hook(W, 'fetch', (a, _, k) => (check(a[0]?.url || a[0], k) ? Promise.resolve(new Response(null, { status: 204 })) : undefined))
  hook(P('XMLHttpRequest'), 'open', (a, x, k) => void (check(a[1], k) && (x.send = Object)))
  hook(P('Navigator'), 'sendBeacon', (a, _, k) => check(a[0], k) && true)
  hook(W, 'WebSocket EventSource', (a, _, k) => (check(a[0], k) ? Object.assign(new EventTarget(), { readyState: 3, send: Object, close: Object }) : undefined))
  // Scripts and pixels the HTML parser inserts: neutralised before a script is prepared. Once parsing is
  // done, insertions all pass the hooks above, so the observer's work stops.
  const mo = new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => vet(n, 'parser'))))
  mo.observe(D, { childList: true, subtree: true })
  D.addEventListener('DOMContentLoaded', () => mo.disconnect())
  // Trusted Types default policy, active only with the CSP directive: script URLs from any sink are vetted.
  try {
    W.trustedTypes.createPolicy('default', { createHTML: String, createScript: String, createScriptURL: (u: string) => (check(u, 'trustedTypes') ? null : u) })
  } catch {
    // no Trusted Types, another default policy, or a CSP `trusted-types` list without `default`
  }
  // What only the CSP stopped (pixels in the HTML, <noscript>, import()): reported the same way.
  D.addEventListener('securitypolicyviolation', (e) => {
    const u = e.blockedURI
    report(verdict(u) || u.split('/')[2] || u, `csp:${e.effectiveDirective}`, u)
  })
  // Stubs, so site code calling gtag()/fbq()/… keeps working; calls are recorded.
  const stub = (name: string): Any =>
    new Proxy(function (...a: unknown[]) {
      calls.push([name, a])
    }, { get: (t: Any, k) => (k in t || k === 'then' ? t[k] : (t[k] = stub(`${name}.${String(k)}`))) })
  for (const [, ...t] of rows)
    if (!t.some((x) => isHost(x) && allowed(x)))
      for (const x of t) {
        const g = x.slice(1)
        if ((x[0] === '=' || x[0] === '[') && !(g in W)) W[g] = x[0] === '=' ? stub(g) : []
      }
  return fp
}
