// The one-<script> build: window.firstparty, posthog-js imported from the file next to this one.
import { createClient, type Client, type InitOptions, type Loaded, type ResolvedOptions } from './posthog/index.js'
import { maskUrl } from './posthog/privacy.js'
import { buildFile, lazyBuild } from './posthog/builds.js'

const self = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : ''
const base = self || location.href

function loadSibling(options: ResolvedOptions): Promise<Loaded> {
  const url = new URL(buildFile(lazyBuild(options)), base).href
  return import(/* @vite-ignore */ url) as Promise<Loaded>
}

/** `window.firstparty`: the same API as the npm package. */
const api = {
  init: (options: InitOptions): Client =>
    createClient(options, loadSibling, () => import(/* @vite-ignore */ new URL('firstparty.cross-domain.js', base).href)),
  maskUrl,
}

declare global {
  interface Window {
    firstparty?: typeof api & Record<string, unknown>
  }
}

window.firstparty = Object.assign(window.firstparty ?? {}, api)
