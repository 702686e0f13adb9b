// The posthog-js build served from the site as dist/firstparty.posthog.js: the variant that never loads scripts.
export { posthog } from 'posthog-js/no-external'
