// The in-page guard. It ships inline before anything else in <head> under a 1.5 KB gzip budget, so this
// file trades some readability for size: one generic hook (a Proxy around a method, setter or constructor)
// applied from a table, blocked URLs replaced by '' (an empty src fetches nothing and marks a script as
// already started, so it cannot be re-armed).
import { createClassifier, type BlockedReport, type GuardOptions } from './classify.js'
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

/** Elements whose URL attributes fetch or execute something: a selector, and a test of a `localName`. */
const TAGS = 'script,img,iframe,link,embed,object'
const IS_TAG = /^(script|img|iframe|link|embed|object)$/
/** The attributes that hold those URLs. */
const ATTRS = ['src', 'href', 'data']
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
  const fp: GuardState = (W.firstparty ||= {})
  const calls = (fp.calls ||= [])
  if (fp.guarded) return fp
  fp.guarded = true

  const { rows, allowed, verdict, check, sniff, report } = createClassifier(options, compact, (fp.blocked ||= []))
  const isScript = (el: Any): boolean => el?.localName === 'script'

  /** Vet one element; a tracker element is neutralised: URL attributes gone, a script's type no longer JavaScript. */
  const one = (el: Any, k: string): unknown =>
    IS_TAG.test(el.localName) &&
    (ATTRS.some((a) => check(el.getAttribute(a), k)) || (isScript(el) && JS_TYPE.test(el.type) && sniff(el.textContent, k))) &&
    ((el.type = 'firstparty/blocked'), ATTRS.map((a) => el.removeAttribute(a)))
  /**
   * Vet inserted nodes: an element, text added to a script, or everything a fragment or a subtree from another
   * document (DOMParser, another realm) holds. Elements made in this document were vetted as they were built.
   * Returns a truthy value when something was blocked.
   */
  const vet = (n: Any, k: string, parent?: Any): unknown =>
    n?.nodeType === 3
      ? isScript(parent) && sniff(n.data, k) && (n.data = '')
      : n?.querySelectorAll && (n.nodeType > 1 || n.ownerDocument !== D ? [n, ...n.querySelectorAll(TAGS)] : [n]).filter((el) => one(el, k)).length
  /** Vet an HTML string in an inert template; the original passes through unless something was blocked. */
  const html = (h: unknown, k: string): unknown => {
    if (!/<[eilos]/i.test(String(h))) return h // no tag that loads anything: skip the second parse
    const t = D.createElement('template')
    htmlSet.call(t, h)
    return vet(t.content, k) ? t.innerHTML : h
  }

  /** Wrap `o[k]` (a method, a setter or a constructor) so `f` sees its arguments first. */
  const hook = (o: Any, names: string, f: Hook): void =>
    names.split(' ').forEach((k) => {
      const d: Any = o && Object.getOwnPropertyDescriptor(o, k)
      const s = d?.set ? 'set' : 'value'
      if (d?.[s]) {
        d[s] = new Proxy(d[s], {
          apply: (g, self, a) => f(a, self, k) ?? Reflect.apply(g, self, a),
          construct: (g, a, nt) => (f(a, 0, k) as object) ?? Reflect.construct(g, a, nt),
        })
        Object.defineProperty(o, k, d)
      }
    })
  const P = (c: string): Any => W[c]?.prototype
  const htmlSet = Object.getOwnPropertyDescriptor(P('Element'), 'innerHTML')!.set!
  /** The argument holding HTML or script text: the last one (`insertAdjacentHTML(where, html)`). */
  const text: Hook = (a, el, k) => {
    const i = a.length - 1
    a[i] = isScript(el) ? (sniff(a[i], k) ? '' : a[i]) : /HTML|Fr/.test(k) ? html(a[i], k) : a[i]
  }
  const insert: Hook = (a, el, k) => void a.forEach((n) => vet(n, k, el))
  /** Blocked network calls look like they worked, so page code keeps going. */
  const net: Hook = (a, x, k) =>
    check(a[k === 'open' ? 1 : 0]?.url || a[k === 'open' ? 1 : 0], k)
      ? k === 'fetch'
        ? Promise.resolve(new Response())
        : k === 'open'
          ? void (x.send = Object)
          : k === 'sendBeacon' || Object.assign(new EventTarget(), { readyState: 3, send: Object, close: Object })
      : undefined

  // URL setters (each element class has only some of the names), then the other ways code reaches a page.
  for (const c of 'Script Image IFrame Embed Link Object'.split(' '))
    hook(P(`HTML${c}Element`), 'src href data', (a, _, k) => void (check(a[0], k) && (a[0] = '')))
  hook(P('Element'), 'setAttribute', (a, el, k) => void (IS_TAG.test(el.localName) && ATTRS.includes(String(a[0]).toLowerCase()) && check(a[1], k) && (a[1] = '')))
  // Script text. Engines with Trusted Types declare all three on HTMLScriptElement; the others only `text`,
  // so there the generic setters are hooked too (hot paths everywhere else: only when needed).
  const S = P('HTMLScriptElement')
  hook(S, 'text textContent innerText', text)
  if (!Object.hasOwn(S, 'textContent')) hook(P('Node'), 'textContent', text), hook(P('HTMLElement'), 'innerText', text)
  hook(P('Element'), 'innerHTML outerHTML insertAdjacentHTML setHTMLUnsafe', text)
  hook(P('ShadowRoot'), 'innerHTML setHTMLUnsafe', text)
  hook(P('Range'), 'createContextualFragment', text)
  hook(P('Document'), 'write writeln', (a, _, k) => void a.splice(0, 1e9, html(a.join(''), k)))
  // Insertion: scripts created with text, clones, parsed-then-moved nodes, text added to a script.
  hook(P('Node'), 'appendChild insertBefore replaceChild', insert)
  hook(P('Element'), 'append prepend before after replaceWith insertAdjacentElement', insert)
  hook(W, 'fetch WebSocket EventSource', net)
  hook(P('Navigator'), 'sendBeacon', net)
  hook(P('XMLHttpRequest'), 'open', net)
  // Scripts and pixels the HTML parser inserts: neutralised before a script is prepared. The parser adds
  // each element as a record of its own, so no subtree is walked. Once parsing is done, insertions all pass
  // the hooks above, so the observer's work stops.
  const mo = new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => one(n, 'parser'))))
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
  // Stubs, so site code calling gtag()/fbq()/… keeps working; calls are recorded. A tracker whose host the
  // site allows gets none: its own snippet defines them.
  const stub = (name: string): Any =>
    new Proxy(function (...a: unknown[]) {
      calls.push([name, a])
    }, { get: (t: Any, k) => (k in t || k === 'then' ? t[k] : (t[k] = stub(`${name}.${String(k)}`))) })
  for (const [, hosts, , , globals] of rows)
    if (!hosts!.some(allowed))
      for (const g of globals!) {
        const n = g.replace('[', '')
        if (!(n in W)) W[n] = n === g ? stub(n) : []
      }
  return fp
}
