import { createHandler } from 'firstparty/server'

// posthog-js in the browser posts to /ingest on this origin; this forwards to PostHog with the visitor's IP
// and without the site's cookies. POSTHOG_HOST points it elsewhere (the browser test uses a local sink).
const handler = createHandler({ mode: 'proxy', upstream: process.env.POSTHOG_HOST ?? 'https://eu.i.posthog.com' })

export { handler as GET, handler as POST, handler as OPTIONS }
