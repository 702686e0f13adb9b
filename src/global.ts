// The one-<script> build: window.firstparty, posthog-js imported from the file next to this one.
import { createClient, type Client, type InitOptions, type Loaded } from './posthog/index.js'
import { maskUrl } from './posthog/privacy.js'
import { buildFile, type Build } from './posthog/builds.js'

// This script's own URL (an SVG <script> has no `src`): the lazy files are its siblings.
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href

function loadSibling(build: Build): Promise<Loaded> {
  const url = new URL(buildFile(build), base).href
  return import(/* @vite-ignore */ url) as Promise<Loaded>
}

/** `window.firstparty`: the same API as the npm package. */
const sibling =
  <T>(file: string) =>
  (): Promise<T> =>
    import(/* @vite-ignore */ new URL(file, base).href) as Promise<T>

const api = {
  init: (options: InitOptions): Client => createClient(options, loadSibling, sibling('firstparty.early.js'), sibling('firstparty.cross-domain.js')),
  maskUrl,
}

declare global {
  interface Window {
    firstparty?: typeof api & Record<string, unknown>
  }
}

window.firstparty = Object.assign(window.firstparty ?? {}, api)
