export { createClient, type Client, type Loaded, type Properties } from './client.js'
export type { InitOptions, Persistence } from './options.js'
export { maskUrl, hasPrivacySignal } from './privacy.js'
