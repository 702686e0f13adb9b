// The in-page guard. It ships inline before anything else in <head> (budget in .size-limit.cjs), and its cost
// follows the URLs a page loads, not its DOM work: the hot DOM methods and setters (the insertion methods,
// innerHTML, and on the elements that load, setAttribute and URL setters) are plain functions that return at once
// for what loads nothing: an attribute that is no URL, an element that fetches nothing, HTML with no tag or
// attribute that can load. Every other element's setAttribute is the native one.
// APIs called rarely (network, document.write, constructors) get a Proxy: fewer bytes, and it keeps their
// statics (WebSocket.OPEN) and `toString`. Blocked URLs are replaced by '' (an empty src fetches nothing and
// marks a script as already started, so it cannot be re-armed).
// The report event's name is also a script type that never runs and the mark on the loading elements' prototypes
// (see vetInserted): no page code spells it, and one string gzips once.
import { BLOCKED_EVENT as BLOCKED_TYPE, createClassifier, type BlockedReport, type GuardOptions } from './classify.js'
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
// biome-ignore lint/suspicious/noExplicitAny: DOM prototypes patched at run time have no useful static type
type Any = any
/** A Proxy hook body: may rewrite the arguments, or return a truthy value to skip the native call. */
type Hook = (args: Any[], self: Any, name: string) => unknown
/** A plain setter's filter: the value to pass on to the native setter. */
type Filter = (value: Any, self: Any, name: string) => unknown

/** Elements whose URL attributes fetch or execute something, by `localName`. */
const LOADING_TAGS = 'script img iframe link embed object'.split(' ')
/** The attributes that hold those URLs. */
const URL_ATTRIBUTES = 'src href data'.split(' ')
const URL_ATTRIBUTE = /^(src|href|data)$/i
/**
 * Where HTML can name something to load: each spelling of `src`, `href` or `data` that the HTML parser could read
 * as an attribute name, and each script start tag. Names cannot be written with character references, and the
 * parser ends a name only at `=`, whitespace, `/` or `>`, so a spelling followed by anything else (`srcset`,
 * `data-id`, `data:` in a URL) is part of another name or of text, and a name ended by `/` or `>` has no value.
 * The scan steps past the name only, so a name written inside another attribute's value is read too. The
 * lookahead takes the value in the one form whose reading is plain: `=` at once, then a quoted value with no quote
 * and no `&` in it, which is then character for character what the parser gives the attribute. Any other value
 * (spaces around `=`, unquoted, a character reference) captures nothing and leaves the string to the parser.
 */
const URL_SPELLING = /<script|(?:src|href|data)(?==(["'])([^"'&]*)\1|[=\s])/gi
/**
 * Script types that may run as JavaScript: none, `module`, any `…script…` MIME type (`text/javascript`,
 * `application/x-javascript`, `text/jscript`…) and Partytown's. JSON, templates and the like are not code.
 */
const JS_TYPE = /^\s*(module\s*)?$|script|partytown/i
/**
 * The insertion methods, and the two that take in another document's node. Each list that wraps them is given all
 * of them: a name missing from a target and its prototypes (`append` above Node, `importNode` off Document) is
 * skipped, and one string gzips once.
 */
const INSERTION =
  'appendChild insertBefore replaceChild append prepend before after replaceWith replaceChildren insertAdjacentElement insertAdjacentText importNode adoptNode insertNode surroundContents'

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
  const page: Any = window
  const doc = document
  const state: GuardState = (page.firstparty ||= {})
  const calls = (state.calls ||= [])
  if (state.guarded) return state
  state.guarded = true

  const { stubs, verdict, check, sniff } = createClassifier(options, compact, (state.blocked ||= []))
  const prototypeOf = (name: string): Any => page[name]?.prototype

  /**
   * Vet one element: O(1) for a tag that loads nothing (its tag name read once, by the caller when it has it). A
   * tracker element is neutralised: its URL attributes removed, a script's type no longer JavaScript. True when
   * it was blocked.
   */
  const vetElement = (element: Any, vector: string, tag = element.localName): unknown =>
    LOADING_TAGS.includes(tag) &&
    (URL_ATTRIBUTES.some((name) => check(element.getAttribute(name), vector)) ||
      (tag === 'script' && JS_TYPE.test(element.type) && sniff(element.textContent, vector))) &&
    ((element.type = BLOCKED_TYPE), URL_ATTRIBUTES.map((name) => element.removeAttribute(name)))
  /**
   * Vet a node (or a string: `append`, `insertAdjacentText`) being inserted into or next to `parent`. O(1) for
   * an element of this document: its descendants were vetted as they were built (setters, setAttribute,
   * innerHTML, insertion). A fragment, or a subtree from another document (DOMParser, a template, another
   * realm), is walked. Truthy when something was blocked.
   */
  const vetInserted = (node: Any, vector: string, parent?: Any, tag = node?.localName): unknown =>
    tag && node.ownerDocument === doc
      ? vetElement(node, vector, tag)
      : // Text going into a script, as a string, a Text node or a fragment (an element adds none: a script's text
        // is its Text children): the script's whole text is sniffed, so a snippet added piece by piece, or after a
        // type change, is still seen whole; a snippet leaves the script a type that never runs (a foreign subtree in
        // that same insertion is then not walked; the CSP's img-src still refuses a pixel in it). Only a parent whose
        // prototype carries the loading mark has its tag read: a plain property, far cheaper than a DOM getter, so a
        // Text node going into a <li> reads nothing of the <li>. The mark is read from the parent, not from the wrapper
        // called, so Node.prototype.appendChild.call(script, text) is vetted too.
        (parent?.[BLOCKED_TYPE] &&
          parent.localName === 'script' &&
          sniff(parent.textContent + (node?.textContent ?? node), vector) &&
          (parent.type = BLOCKED_TYPE)) ||
        // A fragment or another document's subtree: every element, each through vetElement's O(1) tag test (a
        // second list of the loading tags as a selector cost more bytes than the walk costs time: fragments are rare).
        (node?.querySelectorAll && [node, ...node.querySelectorAll('*')].filter((element) => vetElement(element, vector))[0])
  /**
   * Vet an HTML string in an inert template when it may load a tracker: when it has a script, or a URL attribute
   * whose value cannot be read without parsing or has a tracker's verdict (what the parse then finds on a loading
   * element is what gets reported). HTML that names nothing to load, or only URLs of the site and of hosts that
   * are no tracker, passes through without a second parse; so does the original unless something was blocked.
   */
  /** The guard's own template while it parses a string (see vetMarkup). */
  let parsing: unknown
  const vetHtml = (html: unknown, vector: string): unknown => {
    // The text once: `exec` would convert an object again at every step. The scan goes to the end (exec then sets
    // lastIndex back to 0 for the next string); after the first hit it asks no more verdicts.
    const text = String(html)
    let match: RegExpExecArray | null
    let loads: unknown
    while ((match = URL_SPELLING.exec(text))) loads ||= !match[1] || verdict(match[2])
    if (!loads) return html
    const template = (parsing = doc.createElement('template'))
    template.innerHTML = html as string // passed through: see vetMarkup
    return vetInserted(template.content, vector) ? template.innerHTML : html
  }
  /** Text for a script is sniffed (a blocked snippet becomes ''); text for anything else is inert. */
  const vetText: Filter = (text, self, vector) => (self.localName === 'script' && sniff(text, vector) ? '' : text)
  /**
   * HTML is vetted as a fragment; a script's is also sniffed as its text (`innerHTML` fills it with text, while
   * `outerHTML` and `insertAdjacentHTML` around it parse elements). Script text that spells a tracker tag as HTML
   * comes back re-serialised (escaped), which may no longer parse as code: it could only have loaded that tracker.
   */
  const vetMarkup: Filter = (html, self, vector) =>
    // The guard's own template takes the string as is: its content is inert (no browsing context) and is walked
    // next. Only that one element: any other, a page's template or an SVG element named `template` included, is vetted.
    self === parsing ? html : vetText(vetHtml(html, vector), self, vector)

  /**
   * Replace setters of `target` with plain functions that pass the value through `filter` first (setters are
   * hot paths, or cheap either way), and methods with what `make` builds around the native one. The nearest
   * definition up the prototype chain is redefined on `target` itself, so only its instances pay.
   */
  const replace = (target: Any, names: string, filterOrMake: Filter | ((native: Any, name: string) => unknown)): void =>
    names.split(' ').forEach((name) => {
      let descriptor: PropertyDescriptor | undefined
      // biome-ignore lint/suspicious/noProto: DOM prototypes (never null-prototype objects); fewer bytes than Object.getPrototypeOf
      for (let owner = target; owner && !descriptor; owner = owner.__proto__) descriptor = Object.getOwnPropertyDescriptor(owner, name)
      const set = descriptor?.set
      if (set)
        descriptor!.set = function (this: Any, value: unknown) {
          set.call(this, (filterOrMake as Filter)(value, this, name))
        }
      else if (descriptor?.value) descriptor.value = (filterOrMake as (native: Any, name: string) => unknown)(descriptor.value, name)
      if (descriptor) Object.defineProperty(target, name, descriptor)
    })
  /** A plain method (hot paths) that vets each argument before the native call, with `this` as the parent. */
  const vetting = (native: Any, name: string): unknown =>
    function (this: Any) {
      // biome-ignore lint/complexity/noArguments: `arguments` is passed on without an array per call (hot path)
      for (let i = 0; i < arguments.length; i++) vetInserted(arguments[i], name, this)
      // biome-ignore lint/complexity/noArguments: as above
      return native.apply(this, arguments)
    }
  /** A Proxy (rarely called methods and constructors): `inspect` sees the arguments first. */
  const proxied =
    (inspect: Hook) =>
    (native: Any, name: string): unknown =>
      new Proxy(native, {
        apply: (fn, self, args) => inspect(args, self, name) || Reflect.apply(fn, self, args),
        construct: (fn, args, newTarget) => (inspect(args, 0, name) as object) || Reflect.construct(fn, args, newTarget),
      })
  /** HTML in the last argument (`insertAdjacentHTML(where, html)`). */
  const lastArgument: Hook = (args, self, name) => void args.push(vetMarkup(args.pop(), self, name))
  /** Blocked network calls look like they worked, so page code keeps going. */
  const network: Hook = (args, self, name) => {
    const url = args[+(name === 'open')]
    return (
      check(url?.url || url, name) &&
      (name === 'fetch'
        ? Promise.resolve(new Response())
        : name === 'open'
          ? void (self.send = Object) // opened as asked; its send() does nothing
          : name === 'sendBeacon' || Object.assign(new EventTarget(), { readyState: 3, send: Object, close: Object }))
    )
  }

  // The elements that load (SVG's script too: `href`), each on its own prototype, so every other element's
  // setAttribute is the native one and costs nothing: URL setters (each class has only some of the names; a name
  // missing is skipped), and setAttribute/setAttributeNS, whose name and value are always the last two arguments.
  const attributeVetting = (native: Any, method: string): unknown =>
    function (this: Any) {
      // biome-ignore lint/complexity/noArguments: `arguments` is passed on without an array per call (hot path)
      const last = arguments.length - 1
      // biome-ignore lint/complexity/noArguments: as above
      if (URL_ATTRIBUTE.test(arguments[last - 1]) && check(arguments[last], method)) arguments[last] = ''
      // biome-ignore lint/complexity/noArguments: as above
      return native.apply(this, arguments)
    }
  // biome-ignore lint/suspicious/noProto: as in replace
  for (const target of [...LOADING_TAGS.map((tag) => (doc.createElement(tag) as Any).__proto__), prototypeOf('SVGScriptElement')]) {
    replace(target, 'src href data', (url, _, name) => (check(url, name) ? '' : url))
    replace(target, 'setAttribute setAttributeNS', attributeVetting)
    // Script text (vetText passes any other element's through). Engines with Trusted Types declare all three on
    // HTMLScriptElement; the others inherit `textContent` and `innerText` (Node, HTMLElement).
    replace(target, 'text textContent innerText', vetText)
    // Text added to a script by insertion (a string, a Text node, a fragment) is sniffed: see vetInserted.
    target[BLOCKED_TYPE] = 1
  }
  // Every prototype that parses HTML or inserts nodes, each given every name (one it lacks, such as a shadow
  // root's outerHTML or a document's innerHTML, is skipped). HTML: on elements and shadow roots. Insertion: scripts
  // created with text, clones, template and parsed-then-moved nodes, text added to a script; the parent-and-child
  // mixins live on each of these (a shadow root's append is DocumentFragment's, a Text node's after is
  // CharacterData's), and importNode/adoptNode on Document take another document's subtree into this one, where
  // its insertion would take the O(1) path, so it is walked there. Node last: the others' copies of its
  // appendChild wrap the native one, so every insertion passes one wrapper.
  for (const target of [
    prototypeOf('Element'),
    prototypeOf('ShadowRoot'),
    prototypeOf('Document'),
    prototypeOf('DocumentFragment'),
    prototypeOf('CharacterData'),
    prototypeOf('Node'),
    prototypeOf('Range'),
  ])
    replace(target, 'innerHTML outerHTML', vetMarkup),
      replace(target, 'insertAdjacentHTML setHTMLUnsafe createContextualFragment', proxied(lastArgument)),
      replace(target, INSERTION, vetting)
  replace(
    prototypeOf('Document'),
    'write writeln',
    proxied((args, _, name) => void args.splice(0, 1e9, vetHtml(args.join(''), name))),
  )
  replace(page, 'fetch WebSocket EventSource', proxied(network))
  replace(prototypeOf('Navigator'), 'sendBeacon', proxied(network))
  replace(prototypeOf('XMLHttpRequest'), 'open', proxied(network))
  // Scripts and pixels the HTML parser inserts: neutralised before a script is prepared. The parser adds each
  // node as a record of its own, so the work is one tag test per parsed node and no subtree is walked; one
  // shared callback serves every node (a long page makes tens of thousands of records: no closure per record).
  // Once parsing is done, insertions all pass the wrappers above, so the observer stops.
  const vetParsed = (node: Node): unknown => vetElement(node, 'parser')
  const observer = new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach(vetParsed)))
  observer.observe(doc, { childList: true, subtree: true })
  addEventListener('DOMContentLoaded', () => observer.disconnect())
  // Trusted Types default policy, active only with the CSP directive: script URLs from any sink are vetted.
  try {
    page.trustedTypes.createPolicy('default', {
      createHTML: String,
      createScript: String,
      createScriptURL: (url: string) => (check(url, 'trustedTypes') ? null : url),
    })
  } catch {
    // no Trusted Types, another default policy, or a CSP `trusted-types` list without `default`
  }
  // Stubs, so site code calling gtag()/fbq()/… keeps working; calls are recorded. A tracker whose host the
  // site allows gets none (see `stubs`): its own snippet defines them.
  const stub = (name: string): Any =>
    new Proxy(
      (...args: unknown[]) => {
        calls.push([name, args])
      },
      // Concatenation (fewer bytes than a template here); String() because the key may be a symbol.
      // biome-ignore lint/style/useTemplate: as above
      { get: (target: Any, key) => (key in target || key === 'then' ? target[key] : (target[key] = stub(name + '.' + String(key)))) },
    )
  for (const name of stubs) {
    const global = name.replace('[', '')
    if (!(global in page)) page[global] = global === name ? stub(global) : []
  }
  return state
}
