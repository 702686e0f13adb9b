// `firstparty/react`: the guard for JSX frameworks (Next.js root layouts, Remix, Astro). Deliberately free
// of any `react` import, so it works with any JSX runtime and never pulls a second copy of React.
import { checkGuardOptions, guardScriptParts, type GuardSnippetOptions } from '../guard/snippet.js'

/** Options of {@link guardScriptProps}: the guard's options, plus where its code is served when not inline. */
export interface GuardScriptOptions extends GuardSnippetOptions {
  /**
   * Load the guard from this same-origin path (served by {@link guardScriptRoute}) instead of inlining it.
   * With React Server Components (Next.js App Router) an inline script's code is repeated in the page's
   * RSC payload; loading it by `src` keeps the payload small and the guard cacheable.
   */
  src?: string
}

/** Props for the guard's `<script>` element: its data attributes and either its code or its `src`. */
export interface GuardScriptProps {
  'data-allow'?: string
  'data-mode'?: string
  nonce?: string
  src?: string
  dangerouslySetInnerHTML?: { __html: string }
}

/** FNV-1a of the code: a new firstparty version gets a new URL, so the file can be cached for good. */
function version(code: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(36)
}

/**
 * The guard as props for a `<script>` element, to render FIRST in `<head>` of your root layout. Same options
 * and attributes as {@link guardSnippet} (both render the same parts), split up because JSX cannot take raw HTML. With `src`, the element
 * loads the code from your origin (see {@link guardScriptRoute}) instead of inlining it.
 * @example
 * ```tsx
 * // app/layout.tsx (Next.js App Router)
 * import { guardScriptProps } from 'firstparty/react'
 *
 * export default function RootLayout({ children }: { children: React.ReactNode }) {
 *   return (
 *     <html lang="en">
 *       <head>
 *         <script {...guardScriptProps({ allow: ['player.vimeo.com'], src: '/firstparty/guard.js' })} />
 *       </head>
 *       <body>{children}</body>
 *     </html>
 *   )
 * }
 * ```
 */
export function guardScriptProps(options: GuardScriptOptions = {}): GuardScriptProps {
  checkGuardOptions('guardScriptProps()', options, ['src'])
  const { src, ...snippet } = options
  const { attributes, code } = guardScriptParts(snippet)
  const where: GuardScriptProps = src ? { src: `${src}${src.includes('?') ? '&' : '?'}v=${version(code)}` } : { dangerouslySetInnerHTML: { __html: code } }
  return { ...attributes, ...where }
}

/**
 * A fetch-standard `GET` handler serving the guard's code, for {@link guardScriptProps}' `src`. The URL carries
 * the code's version, so the response is cached for a year.
 * @example
 * ```ts
 * // app/firstparty/guard.js/route.ts (Next.js App Router)
 * import { guardScriptRoute } from 'firstparty/react'
 * export const GET = guardScriptRoute()
 * export const dynamic = 'force-static'
 * ```
 */
export function guardScriptRoute(): () => Response {
  const { code } = guardScriptParts()
  return () =>
    new Response(code, {
      headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' },
    })
}

export type { GuardSnippetOptions } from '../guard/snippet.js'
export { FirstpartyError } from '../errors.js'
