// `firstparty/react`: the guard for JSX frameworks (Next.js root layouts, Remix, Astro). Deliberately free
// of any `react` import, so it works with any JSX runtime and never pulls a second copy of React.
import { FirstpartyError } from '../errors.js'
import { guardSnippet, type GuardSnippetOptions } from '../guard/snippet.js'

/** Props for an inline `<script>` element: the guard's data attributes and its code. */
export interface GuardScriptProps {
  'data-allow'?: string
  'data-mode'?: string
  'data-dev'?: string
  nonce?: string
  dangerouslySetInnerHTML: { __html: string }
}

const SCRIPT = /^<script((?:\s[a-z-]+="[^"]*")*)>([\s\S]*)<\/script>$/
const ATTR = /\s([a-z-]+)="([^"]*)"/g
const unescape = (value: string): string => value.replace(/&quot;/g, '"').replace(/&amp;/g, '&')

/**
 * The guard as props for a `<script>` element, to render FIRST in `<head>` of your root layout. Same options
 * and output as {@link guardSnippet}, split into attributes and code because JSX cannot take raw HTML.
 * @example
 * ```tsx
 * // app/layout.tsx (Next.js App Router)
 * import { guardScriptProps } from 'firstparty/react'
 *
 * export default function RootLayout({ children }: { children: React.ReactNode }) {
 *   return (
 *     <html lang="en">
 *       <head>
 *         <script {...guardScriptProps({ allow: ['player.vimeo.com'] })} />
 *       </head>
 *       <body>{children}</body>
 *     </html>
 *   )
 * }
 * ```
 */
export function guardScriptProps(options: GuardSnippetOptions = {}): GuardScriptProps {
  const snippet = guardSnippet(options)
  const m = SCRIPT.exec(snippet)
  // guardSnippet writes exactly this shape; anything else is a bug worth failing loudly on.
  if (!m) throw new FirstpartyError('guardScriptProps: unexpected guard snippet shape')
  const props: GuardScriptProps = { dangerouslySetInnerHTML: { __html: m[2] ?? '' } }
  const attributes = props as unknown as Record<string, string>
  for (const [, name = '', value = ''] of (m[1] ?? '').matchAll(ATTR)) attributes[name] = unescape(value)
  return props
}

export type { GuardSnippetOptions } from '../guard/snippet.js'
