import { POSTHOG_CLICK_ID_PARAMS, withoutCarried } from '../attribution/params.js'

/**
 * Query/hash parameter names whose values are secrets or personal data, case-insensitive:
 * `token`, `access_token`, `key`, `api_key`, `secret`, `password`, `email`, `code`, `session_id`, `sig`, `jwt`…
 */
export const SECRET_PARAM =
  /^(.*[_-])?(token|key|apikey|secret|pass|passwd|password|pwd|e-?mail|code|otp|session(_?id)?|sig|signature|jwt|auth|authorization|phone|ssn)$/i

/** Event properties that carry a URL and are masked before sending. */
export const URL_PROPERTIES: readonly string[] = [
  '$current_url',
  '$referrer',
  '$initial_current_url',
  '$initial_referrer',
  '$session_entry_url',
  '$session_entry_referrer',
  '$prev_pageview_url',
]

export const MASK = '<masked>'

const EMAIL = /[^\s/?#&=:;@]+@[^\s/?#&=:;@]+\.[a-z]{2,}/gi
const EMAIL_ENCODED = /[^\s/?#&=:;@%]+(?:@|%40)[^\s/?#&=:;@%]+\.[a-z]{2,}/gi

/**
 * True when the browser asks not to be tracked: Global Privacy Control or Do Not Track.
 * @param nav - the navigator (or a stand-in in tests)
 */
export function hasPrivacySignal(nav: (Partial<Navigator> & { globalPrivacyControl?: boolean; msDoNotTrack?: string }) | undefined): boolean {
  if (!nav) return false
  if (nav.globalPrivacyControl === true) return true
  const dnt = nav.doNotTrack ?? nav.msDoNotTrack
  return dnt === '1' || dnt === 'yes'
}

function maskParams(search: string, extra: readonly string[]): string {
  if (search.length < 2) return search
  const prefix = search[0]
  const parts = search
    .slice(1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const name = pair.slice(0, eq)
      let decodedName = name
      try {
        decodedName = decodeURIComponent(name.replace(/\+/g, ' '))
      } catch {
        // malformed escapes: keep the raw name
      }
      const value = pair.slice(eq + 1)
      if (SECRET_PARAM.test(decodedName) || extra.includes(decodedName.toLowerCase())) return `${name}=${MASK}`
      return `${name}=${value.replace(EMAIL_ENCODED, MASK)}`
    })
  return prefix + parts.join('&')
}

/**
 * Mask secrets and emails in a URL: values of secret-looking parameters (query and `#a=b` hashes)
 * and anything shaped like an email address. Invalid input is returned with emails masked, never thrown.
 * @param url - absolute or relative URL
 * @param extraParams - more parameter names to mask (case-insensitive)
 */
export function maskUrl(url: string, extraParams: readonly string[] = []): string {
  const extra = extraParams.map((p) => p.toLowerCase())
  const hashAt = url.indexOf('#')
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt)
  const hash = hashAt < 0 ? '' : url.slice(hashAt)
  const queryAt = beforeHash.indexOf('?')
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt)
  const query = queryAt < 0 ? '' : beforeHash.slice(queryAt)
  const maskedHash = hash.includes('=') ? maskParams(hash, extra) : hash.replace(EMAIL, MASK)
  return base.replace(EMAIL_ENCODED, MASK) + maskParams(query, extra) + maskedHash
}

/**
 * The mask firstparty applies to every URL it keeps or sends: `maskUrl` with the site's `maskParams`,
 * click id values too (personal data: only their presence is kept, as posthog-js does), and without
 * the cross-domain parameter (an anonymous id and touches, consumed at arrival).
 * @example
 * ```ts
 * pageMask([])('https://acme.dev/?gclid=abc&_fpx=1~x~y~&email=a@b.co') // 'https://acme.dev/?gclid=<masked>&email=<masked>'
 * ```
 */
export function pageMask(maskParams: readonly string[]): (url: string) => string {
  const extra = [...maskParams, ...POSTHOG_CLICK_ID_PARAMS]
  return (url) => maskUrl(withoutCarried(url), extra)
}

/**
 * Mask every URL-valued property in place (top level of `properties`, `$set`, `$set_once`) with `mask`.
 * The lazy part gets `mask` from the page (see `pageMask`) rather than shipping `maskUrl` a second time.
 */
export function maskUrlProperties(properties: Record<string, unknown> | undefined, mask: (url: string) => string): void {
  if (!properties) return
  for (const key of URL_PROPERTIES) {
    const value = properties[key]
    if (typeof value === 'string') properties[key] = mask(value)
  }
}
