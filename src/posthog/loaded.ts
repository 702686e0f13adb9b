// What runs only once the page is idle: posthog-js and the config firstparty gives it.
// Bundled as dist/firstparty.posthog.js for the <script> build, a lazy chunk for bundlers.
// The default: posthog-js's slim build without external loading (no extensions; see builds.ts).
import type { PostHog } from 'posthog-js'
import { posthog as slim } from 'posthog-js/dist/module.slim.no-external.js'

// The slim build declares its own copy of the PostHog class; it is the same API.
export const posthog = slim as unknown as PostHog
export { toPostHogConfig } from './config.js'
export { afterInit } from './after-init.js'
