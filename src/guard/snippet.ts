import { allowedHosts, type AllowPolicy } from '../csp/hosts.js'
import { FirstpartyError } from '../errors.js'
import { GUARD_SOURCE } from './source.js'

/** Options of {@link guardSnippet}: the site config (`firstparty.config.json`) plus snippet details. */
export interface GuardSnippetOptions extends AllowPolicy {
  /** @default 'catalog' */
  mode?: 'catalog' | 'strict'
  /**
   * Console warning per block (a few bytes of code added after the guard). Pass e.g.
   * `process.env.NODE_ENV !== 'production'`. @default false
   */
  dev?: boolean
  /** CSP nonce for the inline script. */
  nonce?: string
  /** The guard's code; defaults to the `dist/guard.global.js` inlined at build time. */
  source?: string
}

/** What `dev: true` appends: the same warning `firstparty/guard` gives in development. */
const DEV_WARNING = ';addEventListener("firstparty:blocked",e=>console.warn("[firstparty] blocked",e.detail))'

const attr = (name: string, value: string): string => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`

/**
 * The inline `<script>` to put FIRST in `<head>`, with the site's allow list and mode baked in as data
 * attributes. Allowed hosts are the same ones `buildCsp` lists (your `allow` plus PostHog's hosts).
 * @example
 * ```ts
 * import { guardSnippet } from 'firstparty'
 * const head = guardSnippet({ allow: ['*.youtube.com'], posthog: { apiHost: '/ingest' } }) + otherHeadTags
 * ```
 */
export function guardSnippet(options: GuardSnippetOptions = {}): string {
  const source = options.source ?? GUARD_SOURCE
  if (!source) throw new FirstpartyError('guardSnippet: the guard bundle is missing; run the build (npm run build) or pass `source`')
  const hosts = allowedHosts(options)
  return (
    '<script' +
    (options.nonce ? attr('nonce', options.nonce) : '') +
    (hosts.length ? attr('data-allow', hosts.join(' ')) : '') +
    (options.mode === 'strict' ? attr('data-mode', 'strict') : '') +
    '>' +
    // A literal "</script" inside the code would end the element early.
    source.replace(/<\/(script)/gi, '<\\/$1') +
    (options.dev ? DEV_WARNING : '') +
    '</script>'
  )
}
