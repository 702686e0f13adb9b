import { defineEvents, init } from 'firstparty'

// This site's own events, on top of the built-in ones (cta_clicked, signup_completed…).
declare module 'firstparty' {
  interface Events {
    plan_selected: { plan: 'hobby' | 'pro' | 'team'; billing: 'monthly' | 'yearly' }
  }
}
// The same event for the development check, so `track('plan_selected', …)` is not reported as unknown.
defineEvents({ plan_selected: { props: { plan: { oneOf: ['hobby', 'pro', 'team'] }, billing: { oneOf: ['monthly', 'yearly'] } } } })

/**
 * One client for the whole app. Safe to import anywhere: on the server `init` returns a client that does
 * nothing; in the browser posthog-js loads from this site (/ingest) once the page is idle.
 */
export const analytics = init({ token: 'phc_example_token', apiHost: '/ingest' })
