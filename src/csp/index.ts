// CSP generation from the site's allow list: the browser-enforced half of the guard.
export { buildCsp, cspMetaTag, cspDirectives, type CspPolicy } from './build.js'
export { allowedHosts, type AllowPolicy } from './hosts.js'
