// As loaded.ts, with the full posthog-js build (session recording, surveys); it never loads scripts either.
export { posthog } from 'posthog-js/full/no-external'
export { toPostHogConfig } from './config.js'
export { afterInit } from './after-init.js'
