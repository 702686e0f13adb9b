// The one-<script> build: window.firstparty, posthog-js imported from the file next to this one.
import type { PostHog } from 'posthog-js'
import { createClient, type Client, type InitOptions } from './posthog/index.js'
import { maskUrl } from './posthog/privacy.js'

const self = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : ''
const base = self || location.href

function loadSibling(): Promise<PostHog> {
  const url = new URL('firstparty.posthog.js', base).href
  return (import(/* @vite-ignore */ url) as Promise<{ posthog: PostHog }>).then((m) => m.posthog)
}

/** `window.firstparty`: the same API as the npm package. */
const api = {
  init: (options: InitOptions): Client => createClient(options, loadSibling),
  maskUrl,
}

declare global {
  interface Window {
    firstparty?: typeof api & Record<string, unknown>
  }
}

window.firstparty = Object.assign(window.firstparty ?? {}, api)
