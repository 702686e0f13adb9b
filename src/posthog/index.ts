export { createClient, type Client, type CrossDomainLoader, type EarlyLoader, type Loaded, type Loader, type Properties } from './client.js'
export { resolveOptions, type InitOptions, type Persistence, type ResolvedOptions } from './options.js'
export { maskUrl, hasPrivacySignal, SECRET_PARAM } from './privacy.js'
