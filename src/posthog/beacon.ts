import { maskUrl } from './privacy.js'

/** An event captured before posthog-js loaded. */
export interface EarlyEvent {
  event: string
  properties: Record<string, unknown>
  timestamp: Date
}

function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Send events with `navigator.sendBeacon` in posthog-js's own wire format (`/e/`, base64 form body),
 * for a page that is being left before posthog-js arrived. Returns false when the browser refused.
 */
export function sendEarly(apiHost: string, token: string, distinctId: string, events: readonly EarlyEvent[], maskParams: readonly string[]): boolean {
  if (!events.length) return true
  const context = {
    token,
    distinct_id: distinctId,
    $current_url: maskUrl(location.href, maskParams),
    $host: location.host,
    $pathname: location.pathname,
    $referrer: document.referrer ? maskUrl(document.referrer, maskParams) : '$direct',
    $lib: 'firstparty',
    $early: true,
  }
  const batch = events.map((e) => ({
    event: e.event,
    // Site properties win over context, like posthog-js does.
    properties: { ...context, ...(e.event === '$pageview' ? { title: document.title } : {}), ...e.properties },
    timestamp: e.timestamp.toISOString(),
  }))
  const body = `data=${encodeURIComponent(base64(JSON.stringify({ api_key: token, batch, sent_at: new Date().toISOString() })))}`
  const url = `${apiHost}/e/?compression=base64`
  try {
    return navigator.sendBeacon(url, new Blob([body], { type: 'application/x-www-form-urlencoded' }))
  } catch {
    return false
  }
}
