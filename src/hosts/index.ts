// Host names: the one cleanup and the one suffix match that the tracker catalog, the guard, channel
// classification, landing checks and cross-domain links all use, so they agree on what "same host" means.

/** Without the dots that may end a host name (`acme.dev.` is the fully qualified `acme.dev`). */
const withoutTrailingDots = (host: string): string => host.replace(/\.+$/, '')

/**
 * Lowercase a host and strip trailing dots (`Google-Analytics.com.` → `google-analytics.com`).
 * @example
 * ```ts
 * cleanHost('WWW.Acme.dev.') // 'www.acme.dev'
 * ```
 */
export const cleanHost = (host: string): string => withoutTrailingDots(host.toLowerCase())

/**
 * The clean host of a parsed http(s) or ws(s) URL: the URL parser has lowercased it already (and turned an
 * international name into lowercase punycode), so only trailing dots are left to strip. Other schemes keep an
 * opaque host as written: use {@link cleanHost} for those. The in-page guard calls this on every URL it judges.
 * @example
 * ```ts
 * urlHost(new URL('https://WWW.Acme.dev./x')) // 'www.acme.dev'
 * ```
 */
export const urlHost = (url: URL): string => withoutTrailingDots(url.hostname)

/**
 * A configured domain entry cleaned like a host, leading dots dropped too (`.acme.dev` → `acme.dev`).
 * @example
 * ```ts
 * cleanDomain('.Acme.DEV.') // 'acme.dev'
 * ```
 */
export const cleanDomain = (domain: string): string => cleanHost(domain).replace(/^\.+/, '')

/**
 * A host cleaned and without a leading `www.`: `www.acme.dev` and `acme.dev` are the same site.
 * @example
 * ```ts
 * bareHost('WWW.reddit.com') // 'reddit.com'
 * ```
 */
export const bareHost = (host: string): string => cleanHost(host).replace(/^www\./, '')

/**
 * `host` is `suffix` or a subdomain of it. Both must already be clean ({@link cleanHost}).
 * @example
 * ```ts
 * hostIn('app.acme.dev', 'acme.dev') // true
 * hostIn('evilacme.dev', 'acme.dev') // false
 * ```
 */
export const hostIn = (host: string, suffix: string): boolean =>
  // biome-ignore lint/style/useTemplate: concatenation is fewer bytes in the inline guard, and both operands are strings
  host === suffix || host.endsWith('.' + suffix)

/**
 * `host` (clean) matches a pattern: `example.com` matches it and its subdomains, `google.*` matches
 * the label `google` under any suffix (`www.google.co.uk`). The pattern is cleaned first.
 * @example
 * ```ts
 * hostMatches('www.google.co.uk', 'google.*') // true
 * hostMatches('bytes.substack.com', 'substack.com') // true
 * ```
 */
export function hostMatches(host: string, pattern: string): boolean {
  const p = cleanDomain(pattern)
  if (p.endsWith('.*')) return `.${host}`.includes(`.${p.slice(0, -1)}`)
  return hostIn(host, p)
}
