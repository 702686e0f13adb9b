import type { StoredEvent } from '../../src/server/format.js'

/**
 * The uuids that reached a sink more than once. posthog-js gives each event one (firstparty's beacon leaves it
 * to PostHog), so each is an event sent twice.
 */
export function sentTwice(events: readonly StoredEvent[]): string[] {
  const uuids = events.map((e) => e.uuid).filter((uuid): uuid is string => !!uuid)
  return uuids.filter((uuid, i) => uuids.indexOf(uuid) !== i)
}
