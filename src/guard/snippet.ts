import { allowedHosts, type AllowPolicy } from '../csp/hosts.js'
import { DEV, FirstpartyError } from '../errors.js'
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

/** Every option {@link guardSnippet} knows, with what it must be; unknown ones are refused in development. */
const CHECKS: Record<keyof GuardSnippetOptions, [(value: unknown) => boolean, string]> = {
  allow: [(v) => Array.isArray(v) && v.every((e) => typeof e === 'string'), 'an array of hosts or URLs'],
  posthog: [(v) => typeof v === 'object' && v !== null, 'an object ({ apiHost, uiHost })'],
  mode: [(v) => v === 'catalog' || v === 'strict', '"catalog" or "strict"'],
  dev: [(v) => typeof v === 'boolean', 'true or false'],
  nonce: [(v) => typeof v === 'string', 'a string'],
  source: [(v) => typeof v === 'string', 'the guard code as a string'],
}

/**
 * Check guard snippet options in development, as `init()` does: an unknown option (a typo such as `alow`) or
 * a value of the wrong kind throws a {@link FirstpartyError} naming it. `extra` are further options the caller
 * takes itself (the React helper's `src`).
 */
export function checkGuardOptions(caller: string, options: object, extra: readonly string[] = []): void {
  if (!DEV) return
  for (const [key, value] of Object.entries(options)) {
    if (extra.includes(key)) continue
    const check = CHECKS[key as keyof GuardSnippetOptions] as (typeof CHECKS)[keyof GuardSnippetOptions] | undefined
    if (!check) throw new FirstpartyError(`${caller}: unknown option "${key}"; known: ${[...Object.keys(CHECKS), ...extra].join(', ')}`)
    if (value !== undefined && !check[0](value)) throw new FirstpartyError(`${caller}: "${key}" must be ${check[1]}, got ${JSON.stringify(value)}`)
  }
}

/** The guard's `<script>` element as parts: its attributes (unescaped values, in order) and its code. */
export interface GuardScriptParts {
  attributes: Record<string, string>
  /** The guard's code, safe to put between `<script>` and `</script>`. */
  code: string
}

/**
 * The parts {@link guardSnippet} renders, for renderers that cannot take raw HTML (JSX: `firstparty/react`).
 * Callers check options first with {@link checkGuardOptions}.
 * @example
 * ```ts
 * const { attributes, code } = guardScriptParts({ allow: ['*.youtube.com'] })
 * // attributes: { 'data-allow': '*.youtube.com' }; code: the guard
 * ```
 */
export function guardScriptParts(options: GuardSnippetOptions = {}): GuardScriptParts {
  const source = options.source ?? GUARD_SOURCE
  if (!source) throw new FirstpartyError('guardSnippet: the guard bundle is missing; run the build (npm run build) or pass `source`')
  const hosts = allowedHosts(options)
  const attributes: Record<string, string> = {}
  if (options.nonce) attributes.nonce = options.nonce
  if (hosts.length) attributes['data-allow'] = hosts.join(' ')
  if (options.mode === 'strict') attributes['data-mode'] = 'strict'
  // A literal "</script" inside the code would end the element early.
  return { attributes, code: source.replace(/<\/(script)/gi, '<\\/$1') + (options.dev ? DEV_WARNING : '') }
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')

/**
 * The inline `<script>` to put FIRST in `<head>`, with the site's allow list and mode baked in as data
 * attributes. Allowed hosts are the same ones `buildCsp` lists (your `allow` plus PostHog's hosts). In
 * development, unknown options and values of the wrong kind throw, as in `init()`.
 * @example
 * ```ts
 * import { guardSnippet } from 'firstparty'
 * const head = guardSnippet({ allow: ['*.youtube.com'], posthog: { apiHost: '/ingest' } }) + otherHeadTags
 * ```
 */
export function guardSnippet(options: GuardSnippetOptions = {}): string {
  checkGuardOptions('guardSnippet()', options)
  const { attributes, code } = guardScriptParts(options)
  const html = Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
  return `<script${html.join('')}>${code}</script>`
}
