// As loaded.ts, with posthog-js's extensions (autocapture, heatmaps, flags…); never loads scripts either.
export { posthog } from 'posthog-js/no-external'
export { toPostHogConfig } from './config.js'
export { afterInit } from './after-init.js'
