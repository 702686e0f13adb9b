// Every vector the guard is tested against: one fixture page each (test/fixtures/guard/<page>).

export interface Vector {
  page: string
  title: string
  /** Code written to escape the guard (fresh realm, import()): only the CSP is expected to stop it. */
  hostile?: boolean
  /**
   * Inline code the guard does not see and a CSP with 'unsafe-inline' lets run: it must load nothing in any mode
   * (its requests are refused), but its stub runs even with both.
   */
  inlineRuns?: boolean
  /** The guard stops execution but not the download (the HTML parser's preload scanner fetches first). */
  parserFetch?: boolean
  /** Served from the site's own origin: the CSP's 'self' lets it through, only the guard's path rules catch it. */
  firstParty?: boolean
  /** Something in it no CSP directive covers (e.g. `<link rel=prefetch>`: prefetch-src was removed). */
  cspMiss?: boolean
}

export const VECTORS: readonly Vector[] = [
  { page: 'parser-script.html', title: '`<script src>` in the HTML', parserFetch: true },
  { page: 'gtag-snippet.html', title: 'Official gtag.js snippet (GA4)', parserFetch: true },
  { page: 'gtm-snippet.html', title: 'GTM container snippet + `<noscript>` iframe' },
  { page: 'meta-pixel.html', title: 'Meta Pixel base code + `<noscript>` image' },
  {
    page: 'create-element.html',
    title:
      'createElement: `.src`, setAttribute, `Document.prototype.createElement.call`, saved native setter, src after insertion, `.text`, `.textContent`/`.innerText` on a connected script, createElementNS, setAttributeNS, an SVG `<script>` given its `href` once connected',
  },
  {
    page: 'clone-reinsert.html',
    title: 'innerHTML + jQuery-style re-insertion, cloneNode, insertAdjacentHTML, outerHTML, DOMParser subtree, shadow root, setHTMLUnsafe',
  },
  { page: 'fragment.html', title: 'Range.createContextualFragment' },
  {
    page: 'foreign-nodes.html',
    title:
      "Template and DOMParser nodes taken in: `document.importNode` (an element, a whole template), `document.adoptNode`, a shadow root's `append`, `before`/`after` on a comment or text node, `Range.insertNode` of a template's content, `innerHTML` of an SVG element named `template`; `src` as an `Attr` node (`setAttributeNode`, `attributes.setNamedItem`), `Element.prototype.setAttribute.call` on a detached script",
  },
  {
    page: 'script-text.html',
    title:
      'Text into a connected script: `append`/`prepend` of a string, a fragment, `insertAdjacentText`, `replaceChildren`, `Node.prototype.appendChild.call`/`Element.prototype.append.call` on the script, a type flipped back; `replaceChildren` with a template clone',
  },
  { page: 'document-write.html', title: 'document.write / writeln' },
  { page: 'media.html', title: '`new Image()`, `<img>`, `<iframe>`, `<link rel=preload>` and `rel=prefetch` from JS', cspMiss: true },
  { page: 'network.html', title: 'fetch, XHR, sendBeacon, WebSocket, EventSource' },
  { page: 'obfuscated.html', title: 'Uppercase, `%2D`, trailing dot, protocol-relative, credentials' },
  { page: 'first-party-gtm.html', title: 'First-party / server-side GTM and gtag paths on your own host', firstParty: true },
  { page: 'nextjs-script.html', title: 'Next.js `<Script>`-style loader (src + inline)' },
  { page: 'consent-late.html', title: 'Consent-gated loader firing late' },
  { page: 'parser-pixel.html', title: '`<img>` / `<iframe>` pixels in the HTML', parserFetch: true },
  { page: 'hostile-realm.html', title: 'Hostile: fresh iframe realm, `import()`', hostile: true },
  {
    page: 'hostile-script-child.html',
    title: 'Hostile: text into an empty connected script through a node inside it (`comment.after`, `child.before`, `splitText`) or a Range (`insertNode`)',
    hostile: true,
    inlineRuns: true,
  },
]
