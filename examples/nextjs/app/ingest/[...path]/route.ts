import { createHandler, formatEvent } from 'firstparty/server'

// posthog-js posts to /ingest on this origin. In production this forwards to PostHog with the visitor's IP
// and without the site's cookies (POSTHOG_HOST overrides the host; the browser test points it at a local sink).
// Under `next dev` without POSTHOG_HOST it is a local sink that prints each event: nothing leaves your machine.
const upstream = process.env.POSTHOG_HOST ?? (process.env.NODE_ENV === 'production' ? 'https://eu.i.posthog.com' : undefined)
const handler = upstream
  ? createHandler({ mode: 'proxy', upstream })
  : createHandler({ onEvent: (event, meta) => console.log(formatEvent({ ...event, receivedAt: meta.receivedAt.toISOString() })) })

export { handler as GET, handler as POST, handler as OPTIONS }
