/**
 * Hostile request paths for the ingest proxy, by class. Every one must be refused with a 404 and must
 * never reach the upstream, whether it arrives through the fetch handler, `toNodeListener` on a real
 * socket, or the Next.js example's route handler. Paths are written as a client sends them (percent-encoded
 * where a client would encode); the fetch-side transports see them after WHATWG URL parsing.
 */
export interface HostilePath {
  path: string
  why: string
}

export const HOSTILE_PATHS: readonly HostilePath[] = [
  // empty segments: protocol-relative hosts
  { path: '/ingest//evil.example/path', why: 'empty segment naming another host' },
  { path: '/ingest///evil.example/', why: 'three slashes' },
  { path: '/ingest//evil.example:443@127.0.0.1/', why: 'host with userinfo after //' },
  { path: '/ingest/e//', why: 'empty segment after a real route' },
  // backslashes, raw and encoded
  { path: '/ingest/\\evil.example/path', why: 'backslash (parsers turn it into /)' },
  { path: '/ingest/\\\\evil.example\\x', why: 'double backslash' },
  { path: '/ingest/%5C%5Cevil.example/x', why: 'encoded backslashes, upper case' },
  { path: '/ingest/%5cevil.example', why: 'encoded backslash, lower case' },
  // encoded slashes
  { path: '/ingest/%2F%2Fevil.example/x', why: 'encoded slashes, upper case' },
  { path: '/ingest/%2f%2fevil.example/x', why: 'encoded slashes, lower case' },
  { path: '/ingest/static/..%2f..%2fetc%2fpasswd', why: 'encoded traversal in a static path' },
  { path: '/ingest/%252F%252Fevil.example', why: 'double-encoded slashes' },
  // dot segments
  { path: '/ingest/../admin', why: 'dot-dot out of the prefix' },
  { path: '/ingest/e/../../api/projects/', why: 'dot-dot into PostHog app API' },
  { path: '/ingest/static/../../etc/passwd', why: 'dot-dot from static' },
  { path: '/ingest/e/%2e%2e/%2e%2e/admin', why: 'encoded dot-dot' },
  { path: '/ingest/e/..', why: 'trailing dot-dot' },
  { path: '/ingest/array/phc_x/../../../e', why: 'dot-dot from a token path' },
  // scheme, userinfo and port tricks
  { path: '/ingest/http://evil.example/', why: 'scheme inside the path' },
  { path: '/ingest/https:/evil.example', why: 'scheme with one slash' },
  { path: '/ingest/@evil.example/e/', why: 'userinfo marker' },
  { path: '/ingest/user:pass@evil.example/e/', why: 'credentials' },
  { path: '/ingest/e/@evil.example', why: 'userinfo marker after a route' },
  { path: '/ingest/e:80/', why: 'port-like colon' },
  // IP literals, internal services, cloud metadata
  { path: '/ingest//127.0.0.1:22/', why: 'loopback with a port' },
  { path: '/ingest/127.0.0.1/e/', why: 'loopback as a segment' },
  { path: '/ingest//169.254.169.254/latest/meta-data/', why: 'cloud metadata address' },
  { path: '/ingest//[::1]/', why: 'IPv6 loopback' },
  { path: '/ingest//[::ffff:127.0.0.1]/', why: 'IPv4-mapped IPv6' },
  { path: '/ingest//0x7f000001/', why: 'hex IPv4' },
  { path: '/ingest//2130706433/', why: 'decimal IPv4' },
  { path: '/ingest/metadata.google.internal/computeMetadata/v1/', why: 'metadata host name' },
  // control characters and header injection
  { path: '/ingest/%00/e/', why: 'encoded NUL' },
  { path: '/ingest/e%0d%0aHost:%20evil.example/', why: 'encoded CRLF header injection' },
  { path: '/ingest/e/%09', why: 'encoded tab' },
  { path: '/ingest/e%7f/', why: 'encoded DEL' },
  // characters no posthog-js path has
  { path: '/ingest/e/;evil.example', why: 'semicolon path parameter' },
  { path: '/ingest/static/x.js/..;/..;/admin', why: 'Tomcat-style ..;' },
  { path: '/ingest/%EF%BD%85/', why: 'full-width e' },
  { path: '/ingest/e%20/', why: 'encoded space' },
  // routes that exist on PostHog but are not posthog-js ingestion
  { path: '/ingest/api/projects/', why: 'PostHog app API' },
  { path: '/ingest/api/users/@me/', why: 'PostHog user API' },
  { path: '/ingest/api/surveys/../projects/1/', why: 'app API through an allowed route' },
  { path: '/ingest/static/../api/projects/', why: 'app API from static' },
  // prefix confusion, case and length
  { path: '/ingestevil/e/', why: 'prefix without a slash' },
  { path: '/INGEST/e/', why: 'prefix in another case' },
  { path: '/ingest/E/', why: 'route in another case' },
  { path: `/ingest/static/${'a'.repeat(200)}.js`, why: 'segment over 128 characters' },
  { path: `/ingest/${'e/'.repeat(300)}`, why: 'path over 512 characters' },
  { path: '/ingest/static/.env', why: 'dot file' },
  { path: '/ingest/array/phc_x/config.json', why: 'config with another extension' },
]

/**
 * Raw-only forms: a URL parser (fetch `Request`, Next.js, Workers) resolves them into an allowlisted path
 * before any handler sees them, so the fetch handler forwards what they resolve to, which is harmless.
 * A raw socket hands them over as sent, and `toNodeListener` refuses them outright.
 */
export const RAW_ONLY_PATHS: readonly HostilePath[] = [
  { path: '/ingest/./e/', why: 'dot segment that resolves to /ingest/e/' },
  { path: '/ingest/%2e/e/', why: 'encoded dot segment' },
  { path: '/ingest/x/%2E%2E/e/', why: 'encoded dot-dot that resolves to /ingest/e/' },
  { path: '/ingest/e/./', why: 'trailing dot segment' },
  { path: 'http://evil.example/ingest/e/', why: 'absolute-form request target' },
  { path: '//evil.example/ingest/e/', why: 'protocol-relative request target' },
]
