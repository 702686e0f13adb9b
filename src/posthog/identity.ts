/** Reading posthog-js state before posthog-js has loaded, so early events use the same identity. */

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

function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=')
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1))
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

const persistedState = (token: string): Record<string, unknown> | undefined => {
  const key = `ph_${token}_posthog`
  return readJson(storage()?.getItem(key)) ?? readJson(cookie(key))
}

/** The distinct id posthog-js persisted on an earlier page, if any. */
export function persistedDistinctId(token: string): string | undefined {
  const id = persistedState(token)?.distinct_id
  return typeof id === 'string' && id ? id : undefined
}

/** True when posthog-js knows this visitor as an identified user (its distinct id is a user id, not an anonymous one). */
export const persistedIdentified = (token: string): boolean => persistedState(token)?.$user_state === 'identified'

/** True when the visitor opted out on an earlier page (posthog-js consent key). */
export function persistedOptOut(token: string): boolean {
  const value = storage()?.getItem(`__ph_opt_in_out_${token}`)
  return value === '0' || value === 'false'
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
    id = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`.replace('.', '')
    try {
      store?.setItem(key, id)
    } catch {
      // quota or blocked: the id lives for this page only
    }
  }
  return id
}
