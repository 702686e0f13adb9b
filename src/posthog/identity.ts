/** Reading posthog-js state before posthog-js has loaded, so early events use the same identity. */
import { readCookie } from '../attribution/domain.js'

function readJson(raw: string | null | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined
  try {
    const value: unknown = JSON.parse(raw)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function storage(): Storage | undefined {
  try {
    return localStorage
  } catch {
    return undefined // blocked storage (privacy mode, sandboxed iframe)
  }
}

/** posthog-js's persisted state (`ph_<token>_posthog` in localStorage or its cookie). */
function persisted(token: string): Record<string, unknown> | undefined {
  const key = `ph_${token}_posthog`
  return readJson(storage()?.getItem(key)) ?? readJson(readCookie(key))
}

/** The distinct id posthog-js persisted on an earlier page, if any. */
export function persistedDistinctId(token: string): string | undefined {
  const id = persisted(token)?.distinct_id
  return typeof id === 'string' && id ? id : undefined
}

/** True when posthog-js knows this visitor as an identified user (its distinct id is a user id, not an anonymous one). */
export const persistedIdentified = (token: string): boolean => persisted(token)?.$user_state === 'identified'

/** True when the visitor opted out on an earlier page (posthog-js consent key). */
export function persistedOptOut(token: string): boolean {
  const value = storage()?.getItem(`__ph_opt_in_out_${token}`)
  return value === '0' || value === 'false'
}

// posthog-js ends a session after 30 minutes without activity.
const SESSION_IDLE = 1_800_000

/** A UUIDv7 (time-ordered), the id shape posthog-js requires for a bootstrapped session. */
export function uuidv7(): string {
  const time = Date.now().toString(16).padStart(12, '0')
  // randomUUID() is xxxxxxxx-xxxx-4xxx-yxxx-…: keep its random part and variant, stamp the time and version 7.
  const random =
    crypto.randomUUID?.() ??
    `00000000-0000-4000-8${Math.random().toString(16).slice(2, 5).padEnd(3, '0')}-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`
}

/** The session posthog-js persisted, while it is still active. */
export function persistedSessionId(token: string): string | undefined {
  const session = persisted(token)?.$sesid
  return Array.isArray(session) && Date.now() - session[0] < SESSION_IDLE && typeof session[1] === 'string' ? session[1] : undefined
}

/**
 * The session id of events sent before posthog-js loaded: posthog-js's active session, or one of
 * firstparty's that posthog-js adopts through `bootstrap`, so the bounce and the next page share
 * one session. Each call counts as activity.
 */
export function earlySessionId(token: string): string {
  const key = `fp_${token}_early_session`
  const saved = readJson(storage()?.getItem(key))
  const fresh = saved && Date.now() - (saved.t as number) < SESSION_IDLE ? (saved.id as string) : undefined
  const id = persistedSessionId(token) ?? fresh ?? uuidv7()
  try {
    storage()?.setItem(key, JSON.stringify({ id, t: Date.now() }))
  } catch {
    // quota or blocked: the id lives for this page only
  }
  return id
}

const earlyKey = (token: string): string => `fp_${token}_early_id`

/** Use `id` as the early distinct id (a visitor arriving through a cross-domain link keeps the id it had there). */
export function adoptEarlyDistinctId(token: string, id: string): void {
  try {
    storage()?.setItem(earlyKey(token), id)
  } catch {
    // quota or blocked: this site starts its own id
  }
}

/** An anonymous id for events sent before posthog-js loaded; posthog-js adopts it through `bootstrap`. */
export function earlyDistinctId(token: string): string {
  const key = earlyKey(token)
  const store = storage()
  let id = store?.getItem(key) ?? undefined
  if (!id) {
    id = uuidv7()
    try {
      store?.setItem(key, id)
    } catch {
      // quota or blocked: the id lives for this page only
    }
  }
  return id
}
