/**
 * Events a page kept for the next one: a visitor who leaves within a round trip of landing (before the early
 * part arrived) cannot be beaconed, so the page writes its queue to localStorage under
 * `fp_pending_<token>_<time>` (one key per page: no read-modify-write on the critical path) and the next
 * early part of this site sends them. The name lives here so the writer and the reader agree.
 */
export const PENDING = 'fp_pending_'

/** How long kept events stay worth sending: a day (posthog-js's own retry queue gives up sooner). */
export const PENDING_TTL = 86_400_000
