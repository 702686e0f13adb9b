// The in-page guard. It ships inline before anything else in <head> under a tight gzip budget, so this
// file trades some readability for size: short locals, one generic hook helper, blocked URLs replaced by ''
// (an empty src fetches nothing and marks a script as already started, so it cannot be re-armed).
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

/** Elements whose URL attributes fetch or execute something. */
const TAGS = 'script,img,iframe,link,embed,object'
const IS_TAG = /^(script|img|iframe|link|embed|object)$/i
const HAS_TAG = /<(script|img|iframe|link|embed|object)/i
const URL_ATTR = ['src', 'href', 'data']
const JS_TYPE = /^(module|(text|application)\/(java|ecma)script|text\/partytown)$/i

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
  const blocked = (fp.blocked = fp.blocked || [])
  const calls = (fp.calls = fp.calls || [])
  if (fp.guarded) return fp
  fp.guarded = true

  const { rows, allowed, verdict, check, sniff, report } = createClassifier(options, compact, blocked)
  const proto = (C: string): Any => W[C] && W[C].prototype
  const isScript = (el: Any): boolean => el.localName === 'script'
  let busy = 0

  // Value filters: a blocked URL or script text becomes '', which fetches and runs nothing (an empty
  // script src also marks the script as started, so it cannot be re-armed).
  const url = (v: unknown, _: unknown, k: string): unknown => (check(v, k) ? '' : v)
  const text = (v: unknown, el: Any, k: string): unknown => (isScript(el) && sniff(v, k) ? '' : v)
  /** Vet one element; neutralise it when it points at a tracker. Returns 1 when blocked. */
  const one = (el: Any, k: string): number => {
    let t: string | undefined
    if (!IS_TAG.test(el.localName)) return 0
    for (const a of URL_ATTR) t = t || check(el.getAttribute(a), k)
    const type = el.getAttribute('type')
    if (!t && !(isScript(el) && (!type || JS_TYPE.test(type.trim())) && sniff(el.textContent, k))) return 0
    el.type = 'javascript/blocked'
    for (const a of URL_ATTR) el.removeAttribute(a)
    return 1
  }
  /**
   * Vet an element, or a fragment with its subtree. An element's children were vetted when they were added
   * (hooks below), so only fragments — template clones, parsed HTML — are walked. Returns how many were blocked.
   */
  const vet = (n: Any, k: string): number => {
    let hits = n.nodeType === 1 ? one(n, k) : 0
    if (n.nodeType === 11) n.querySelectorAll(TAGS).forEach((e: Element) => (hits += one(e, k)))
    return hits
  }
  /** Vet an HTML string in an inert template; the original passes through unless something was blocked. */
  const htmlSet: Any = Object.getOwnPropertyDescriptor(proto('Element'), 'innerHTML')?.set
  const html = (h: unknown, el: Any, k: string): unknown => {
    if (el && isScript(el)) return text(h, el, k)
    const tpl = D.createElement('template')
    if (busy || !HAS_TAG.test(String(h))) return h
    busy = 1
    try {
      htmlSet.call(tpl, String(h))
    } finally {
      busy = 0
    }
    return vet(tpl.content, k) ? tpl.innerHTML : h
  }

  /** Wrap method `k` of `o`: `f` may rewrite the arguments, or return a value to skip the native call. */
  const hook = (o: Any, k: string, f: (a: Any[], self: Any, k: string) => unknown): void => {
    const g = o && o[k]
    if (g)
      o[k] = function (this: Any, ...a: Any[]) {
        return f(a, this, k) ?? g.apply(this, a)
      }
  }
  /** Filter what is assigned to property `k` of `C.prototype`, also through saved setters. */
  const setter = (C: string, k: string, f: (v: unknown, self: Any, k: string) => unknown): void => {
    const d = Object.getOwnPropertyDescriptor(proto(C) || {}, k)
    const set = d && d.set
    if (set)
      Object.defineProperty(proto(C), k, {
        ...d,
        set(v: unknown) {
          set.call(this, f(v, this, k))
        },
      })
  }
  const each = (names: string, f: (k: string) => void): void => names.split(' ').forEach(f)

  each('Script Image IFrame Embed', (c) => setter(`HTML${c}Element`, 'src', url))
  setter('HTMLLinkElement', 'href', url)
  setter('HTMLObjectElement', 'data', url)
  setter('HTMLScriptElement', 'text', text)
  setter('Element', 'innerHTML', html)
  hook(proto('Element'), 'setAttribute', (a, el, k) => {
    if (IS_TAG.test(el.localName) && URL_ATTR.includes(String(a[0]).toLowerCase())) a[1] = url(a[1], el, k)
  })
  // Insertion: scripts created with text, clones, parsed-then-moved nodes, text added to a script.
  const insert = (a: Any[], el: Any, k: string): void => {
    for (const n of a) if (n instanceof Node) n.nodeType === 3 ? isScript(el) && (n.textContent = text(n.textContent, el, k) as string) : vet(n, k)
  }
  each('appendChild insertBefore replaceChild', (k) => hook(proto('Node'), k, insert))
  each('append prepend before after replaceWith insertAdjacentElement', (k) => hook(proto('Element'), k, insert))
  hook(proto('Element'), 'insertAdjacentHTML', (a, _, k) => void (a[1] = html(a[1], 0, k)))
  hook(proto('Range'), 'createContextualFragment', (a, _, k) => void (a[0] = html(a[0], 0, k)))
  each('write writeln', (k) => hook(proto('Document'), k, (a) => void a.splice(0, 9, html(a.join(''), 0, k))))
  // Network APIs. Blocked calls look like they worked, so page code keeps going.
  hook(W, 'fetch', (a, _, k) => (check(a[0]?.url || a[0], k) ? Promise.resolve(new Response(null, { status: 204 })) : undefined))
  hook(proto('XMLHttpRequest'), 'open', (a, x, k) => void (check(a[1], k) && (x.send = Object)))
  hook(proto('Navigator'), 'sendBeacon', (a, _, k) => check(a[0], k) && true)
  each('WebSocket EventSource', (k) => {
    if (W[k])
      W[k] = new Proxy(W[k], {
        construct: (C, a, nt) => (check(a[0], k) ? Object.assign(new EventTarget(), { readyState: 3, send: Object, close: Object }) : Reflect.construct(C, a, nt)),
      })
  })
  // Scripts and pixels the HTML parser inserts (one record per element): neutralised before a script is
  // prepared. Once parsing is done, insertions all pass the hooks above, so the observer's work stops.
  const mo = new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => n.nodeType === 1 && one(n, 'parser'))))
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
    report(verdict(u) || u.replace(/^\w+:\/\/([^/]+).*/, '$1'), `csp:${e.effectiveDirective}`, u)
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
