// What runs only once the page is idle: posthog-js and the config firstparty gives it.
// Bundled as dist/firstparty.posthog.js for the <script> build, a lazy chunk for bundlers.
export { posthog } from 'posthog-js/no-external'
export { toPostHogConfig } from './config.js'
export { afterInit } from '../attribution/after-init.js'
