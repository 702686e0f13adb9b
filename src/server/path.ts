/**
 * Validate the path of a request under the ingest prefix. The proxy builds its upstream URL from the
 * segments this returns and nothing else, so every form that could change what that URL means is refused
 * here: empty segments (`//host`), backslashes, percent-encoding of any kind (`%2F`, `%5C`, `%2e%2e`),
 * `.` and `..` segments, control characters, `@` and `:` (userinfo and scheme tricks), and anything outside
 * the characters posthog-js's own paths use.
 */

/** A validated path: its segments (no empty ones) and whether it ended in `/`. */
export interface IngestPath {
  segments: string[]
  trailingSlash: boolean
}

/** Why a path was refused; one short phrase, safe to log. */
export type PathProblem = 'not under the ingest prefix' | 'empty path segment' | 'dot segment' | 'character not allowed in a path segment' | 'path too long'

/** The characters a posthog-js path segment is made of (`e`, `i`, `v0`, `array`, `phc_…`, `lazy-recorder.js`, `1.449.2`). */
const SEGMENT = /^[A-Za-z0-9_.~-]{1,128}$/
const MAX_PATH = 512

/**
 * Split `pathname` under `base` into checked segments, or say why it is refused.
 * `pathname` may be raw (a Node request target) or already parsed (`new URL(request.url).pathname`).
 * @example
 * ```ts
 * parseIngestPath('/ingest/e/', '/ingest')                // { segments: ['e'], trailingSlash: true }
 * parseIngestPath('/ingest//evil.example/x', '/ingest')   // 'empty path segment'
 * parseIngestPath('/ingest/%2e%2e/admin', '/ingest')      // 'character not allowed in a path segment'
 * ```
 */
export function parseIngestPath(pathname: string, base: string): IngestPath | PathProblem {
  if (pathname.length > MAX_PATH) return 'path too long'
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return 'not under the ingest prefix'
  const rest = pathname.slice(base.length)
  if (rest === '' || rest === '/') return { segments: [], trailingSlash: rest === '/' }
  const trailingSlash = rest.endsWith('/')
  const parts = rest.slice(1, trailingSlash ? -1 : undefined).split('/')
  for (const part of parts) {
    if (part === '') return 'empty path segment'
    if (part === '.' || part === '..') return 'dot segment'
    if (!SEGMENT.test(part)) return 'character not allowed in a path segment'
  }
  return { segments: parts, trailingSlash }
}

/**
 * The path part of a raw HTTP request target (`/ingest/e/?x=1` → `/ingest/e/`), or undefined for
 * targets that are not origin-form: absolute-form (`http://host/…`), authority-form, `*`, or `//…`.
 * Node hands the target over unparsed; resolving it with `new URL(target, base)` would let `//evil.example/`
 * or `http://evil.example/` pick the host, so it is only ever cut, never resolved.
 */
export function rawTargetPath(target: string): string | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined
  const end = target.search(/[?#]/)
  return end === -1 ? target : target.slice(0, end)
}
