/** The page an early event was captured on, as raw (masked) strings: parsed later, off the critical path. */
export interface EarlyPage {
  /** The masked `location.href`. */
  url: string
  /** The masked `document.referrer` (`''` for none). */
  referrer: string
  title: string
}

/** An event captured before posthog-js loaded: the site's properties and the page it was captured on. */
export interface EarlyEvent {
  event: string
  properties: Record<string, unknown>
  timestamp: Date
  page: EarlyPage
}

/** Who and what session the early events belong to, and the person's first landing. */
export interface EarlyIdentity {
  distinctId: string
  sessionId: string
  /** `$initial_*` person properties, sent in `$set_once` as posthog-js does. */
  initial: Record<string, unknown>
}

function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Send events with `navigator.sendBeacon` in posthog-js's own wire format (`/e/`, base64 form body),
 * for a page that is being left before posthog-js arrived. Each event carries what posthog-js would
 * have added (page, campaign, referrer, session; `$initial_*` in `$set_once`), so PostHog classifies a
 * bounce by its campaign. Returns false when the browser refused.
 */
export function sendEarly(apiHost: string, token: string, who: EarlyIdentity, events: ReadonlyArray<Omit<EarlyEvent, 'page'>>): boolean {
  if (!events.length) return true
  const batch = events.map((e) => ({
    event: e.event,
    properties: { token, distinct_id: who.distinctId, $session_id: who.sessionId, $lib: 'firstparty', $early: true, ...e.properties },
    $set_once: who.initial,
    timestamp: e.timestamp.toISOString(),
  }))
  const body = `data=${encodeURIComponent(base64(JSON.stringify({ api_key: token, batch, sent_at: new Date().toISOString() })))}`
  try {
    return navigator.sendBeacon(`${apiHost}/e/?compression=base64`, new Blob([body], { type: 'application/x-www-form-urlencoded' }))
  } catch {
    return false
  }
}
