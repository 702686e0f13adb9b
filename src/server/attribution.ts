// Attribution at signup, on the server: the browser's first-party `fp_touch` cookie arrives with the
// signup request, so the backend can store the creator with the account (browser storage is lost to
// Safari, blockers and cleared data; the account is not). The cookie is visitor-controlled input: it
// goes through the same reviver and sanitizer the browser uses (attribution/store.ts).
import { decode, STORE_KEY, type Touches } from '../attribution/store.js'
import type { Touch } from '../attribution/types.js'

/** Options of {@link readAttribution}. */
export interface ReadAttributionOptions {
  /** Days a touch is kept; older touches are dropped, like the browser does. @default 90 */
  ttlDays?: number
  /** Clock, for tests. @default Date.now */
  now?: () => number
}

/** Something that carries request headers: a fetch `Request`, or Node's `IncomingMessage`. */
export type RequestLike = { headers: Headers } | { headers: Record<string, string | string[] | undefined> }

const DAY = 86_400_000
// A real Cookie header is a few KB; past this it is not a browser's and is not read.
const MAX_HEADER = 16_384

function cookieHeader(input: unknown): string | undefined {
  if (typeof input === 'string') return input
  if (!input || typeof input !== 'object' || !('headers' in input)) return undefined
  const headers = (input as { headers: unknown }).headers
  if (headers && typeof (headers as Headers).get === 'function') return (headers as Headers).get('cookie') ?? undefined
  if (headers && typeof headers === 'object') {
    const value = (headers as Record<string, unknown>).cookie
    if (typeof value === 'string') return value
    if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join('; ')
  }
  return undefined
}

/** The first `fp_touch` value in a Cookie header, percent-decoded; `undefined` when absent or malformed. */
function touchCookie(header: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== STORE_KEY) continue
    try {
      return decodeURIComponent(
        part
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      )
    } catch {
      return undefined
    }
  }
  return undefined
}

/**
 * The visitor's first and last touch from the `fp_touch` cookie of a request (or a raw Cookie header),
 * validated and sanitized: unknown fields dropped, values that look personal removed, touches older
 * than the TTL or from the future dropped. `{}` when there is none or it is unreadable; never throws.
 * @param input - a fetch `Request`, a Node `IncomingMessage`, or the Cookie header itself
 * @example
 * ```ts
 * // app/api/signup/route.ts (Next.js)
 * import { readAttribution } from 'firstparty/server'
 * export async function POST(request: Request) {
 *   const { first, last } = readAttribution(request)
 *   await db.accounts.create({ email, signupRef: first?.ref, signupChannel: first?.channel, lastChannel: last?.channel })
 * }
 * ```
 */
export function readAttribution(input: Request | RequestLike | string | null | undefined, options: ReadAttributionOptions = {}): Touches {
  try {
    const header = cookieHeader(input)
    if (!header || header.length > MAX_HEADER) return {}
    const text = touchCookie(header)
    const now = (options.now ?? Date.now)()
    const ttl = (typeof options.ttlDays === 'number' && options.ttlDays > 0 ? options.ttlDays : 90) * DAY
    const fresh = (t: Touch | undefined): Touch | undefined => (t && now - t.timestamp <= ttl && t.timestamp <= now + DAY ? t : undefined)
    return decode(text, fresh) ?? {}
  } catch {
    return {}
  }
}

export type { Touches, Touch }
