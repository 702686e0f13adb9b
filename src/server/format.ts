import type { CapturedEvent } from './decode.js'

/** An event as the dev server stores it: one NDJSON line each. */
export interface StoredEvent extends CapturedEvent {
  receivedAt: string
}

const short = (value: unknown, n: number): string => {
  const s = typeof value === 'string' ? value : JSON.stringify(value)
  return s.length > n ? `${s.slice(0, n - 1)}…` : s
}

/** Properties added by posthog-js or firstparty itself rather than by the site's `track` call. */
export function isContextProperty(key: string): boolean {
  return key.startsWith('$') || key.startsWith('first_touch_') || key.startsWith('last_touch_') || ['token', 'distinct_id', 'title'].includes(key)
}

/** One readable terminal line: time, event, page, visitor, the site's own properties and the first touch. */
export function formatEvent(e: StoredEvent): string {
  const time = e.receivedAt.slice(11, 19)
  const p = e.properties
  let page = ''
  if (typeof p.$current_url === 'string') {
    try {
      const u = new URL(p.$current_url)
      page = u.pathname + u.search
    } catch {
      page = p.$current_url
    }
  }
  const who = typeof p.distinct_id === 'string' ? p.distinct_id.slice(0, 8) : '?'
  const own = Object.entries(p).filter(([k, v]) => !isContextProperty(k) && v !== null)
  const props = own.length ? ` ${short(Object.fromEntries(own), 100)}` : ''
  const first =
    typeof p.first_touch_channel === 'string'
      ? ` first touch: ${p.first_touch_channel}${typeof p.first_touch_ref === 'string' ? ` (${p.first_touch_ref})` : ''}`
      : ''
  return `${time}  ${e.event.padEnd(22)} ${short(page || '-', 40).padEnd(40)} ${who}${props}${first}`
}
