// The cross-domain parameter's format, shared by the link decorator (posthog/cross-domain.ts, on the page)
// and the lazy reader that validates and merges what a parameter carried (carried.ts).
import { CARRY_PARAM } from './params.js'

/** Options of cross-domain attribution (part of the `attribution` option of `init`). */
export interface CrossDomainOptions {
  /**
   * The site's other domains (`['acme.app']`; subdomains included). Links and forms to them carry
   * the anonymous id and the touches in one short-lived parameter, and visits coming from them are
   * not new referrals. List each site on the other, with the same PostHog token.
   */
  crossDomain?: readonly string[]
}

export { CARRY_PARAM }
/** Format version, the first field of the value. */
export const CARRY_VERSION = '1'
/** How long a parameter is valid after the click, in milliseconds: long enough for a slow redirect or a context-menu "open in new tab". */
export const CARRY_TTL_MS = 5 * 60_000
/** Longest accepted parameter value, in characters; a longer store travels as none (the id alone still links the visits). */
export const CARRY_MAX_LENGTH = 1500
/** sessionStorage key where the receiving page keeps the value (and when it arrived) for the lazy part. */
export const CARRY_KEY = 'fp_xd'
/** What an anonymous distinct id looks like (posthog-js and firstparty ids are UUIDs). */
export const CARRY_ID = /^[A-Za-z0-9-]{8,64}$/
