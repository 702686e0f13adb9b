// Cross-domain attribution, the part on the critical path: it must be tiny. On the sending site a
// delegated listener adds one short-lived parameter to links and forms that lead to the site's other
// domains, at the moment they are used; on the receiving site the parameter is taken off the address
// bar at once and its anonymous id adopted. Validating and merging the touches it carries is lazy
// (carried.ts), because it needs the parser and sanitizer.
import { bareHost, cleanDomain, hostIn } from '../hosts/index.js'
import { adoptEarlyDistinctId, earlyDistinctId, persistedDistinctId, persistedIdentified } from './identity.js'
import { withoutCarried } from '../attribution/params.js'
import { CARRY_ID, CARRY_KEY, CARRY_MAX_LENGTH, CARRY_TTL_MS, CARRY_VERSION, CARRY_PARAM, type CrossDomainOptions } from '../attribution/carry.js'
import { STORE_KEY } from '../attribution/store.js'

/**
 * The parameter value: `version~expiry~id~store`, where expiry is in base-36 seconds since the epoch,
 * id is the anonymous distinct id (empty for an identified user, whose id may be personal) and store
 * is the `fp_touch` cookie value as the browser holds it (URI-encoded JSON: already URL-safe, sanitized,
 * click-id networks only, never click ids). Compact and without a second encoding.
 * @example
 * ```ts
 * carriedValue('0193a1b2-…', '%7B%22first%22%3A…', Date.now()) // '1~t5x1k0~0193a1b2-…~%7B%22first%22%3A…'
 * ```
 */
export const carriedValue = (id: string, store: string, now: number): string =>
  [CARRY_VERSION, Math.round((now + CARRY_TTL_MS) / 1000).toString(36), CARRY_ID.test(id) ? id : '', store.length > CARRY_MAX_LENGTH - 100 ? '' : store].join(
    '~',
  )

/**
 * `url` with the parameter (last in the query, where this module puts it) set to `value`; the rest kept byte for byte.
 * @example
 * ```ts
 * withCarried('https://acme.app/signup?plan=pro#top', '1~t5x1k0~id~') // 'https://acme.app/signup?plan=pro&_fpx=1~t5x1k0~id~#top'
 * ```
 */
export function withCarried(url: string, value: string): string {
  const [beforeHash, ...hash] = url.split('#')
  const base = beforeHash!.replace(/[?&]_fpx=[^&]*$/, '')
  return `${base}${base.includes('?') ? '&' : '?'}${CARRY_PARAM}=${value}${hash.length ? `#${hash.join('#')}` : ''}`
}

const onList = (host: string, hosts: readonly string[]): boolean => hosts.some((d) => hostIn(bareHost(host), bareHost(cleanDomain(`${d}`))))

/**
 * Cross-domain attribution on this page: take a parameter that arrived from one of `crossDomain` off
 * the address bar and adopt its anonymous id, then decorate links and forms to those hosts when they
 * are clicked or submitted. `enabled` is false when capturing is off (opted out). Never throws.
 * @internal called by `init`
 * @example
 * ```ts
 * crossDomainAttribution('phc_…', { crossDomain: ['acme.app'] }, true)
 * ```
 */
export function crossDomainAttribution(token: string, attribution: unknown, enabled: boolean): void {
  const hosts =
    (enabled && Array.isArray((attribution as CrossDomainOptions | undefined)?.crossDomain) && (attribution as Required<CrossDomainOptions>).crossDomain) || []
  try {
    const found = /[?&]_fpx=([^&#]*)/.exec(location.search)
    if (found) {
      // Off the address bar first, whatever it holds: never bookmarked, shared or captured in $current_url.
      history.replaceState(history.state, '', withoutCarried(location.href))
      // A GET form sent it as a field: form-encoded once more (`~` as %7E).
      const value = found[1]!.includes('~') ? found[1]! : decodeURIComponent(found[1]!)
      const [version, expires, id] = value.split('~')
      const left = parseInt(expires!, 36) * 1000 - Date.now()
      // Only fresh and from the site's own other domains: a link posted anywhere else (no or a foreign referrer) is ignored.
      if (
        version === CARRY_VERSION &&
        left >= 0 &&
        left <= CARRY_TTL_MS + 60_000 &&
        value.length <= CARRY_MAX_LENGTH &&
        onList(new URL(document.referrer).hostname, hosts)
      ) {
        // A visitor this site already knows keeps its id; the touches are merged either way, lazily (carried.ts).
        if (CARRY_ID.test(id!) && !persistedDistinctId(token)) adoptEarlyDistinctId(token, id!)
        sessionStorage.setItem(CARRY_KEY, `${Date.now()}~${value}`)
      }
    }
  } catch {
    // hostile or broken parameter: ignored
  }
  const decorate = (event: Event): void => {
    try {
      const form = event.type === 'submit' ? (event.target as HTMLFormElement) : undefined
      const link = (event.target as Element).closest?.('a[href],area[href]') as HTMLAnchorElement | null
      const el = (form ?? link)!
      const attribute = form ? 'action' : 'href'
      const url = new URL(el[attribute as 'href'])
      if (!/^https?:$/.test(url.protocol) || !onList(url.hostname, hosts)) return
      const value = carriedValue(
        persistedIdentified(token) ? '' : (persistedDistinctId(token) ?? earlyDistinctId(token)),
        new RegExp(`(?:^|; )${STORE_KEY}=([^;]*)`).exec(document.cookie)?.[1] ?? '',
        Date.now(),
      )
      // A GET submission replaces the action's query with the fields: there the parameter goes in as a field.
      if (form?.method !== 'get') el[attribute as 'href'] = withCarried(url.href, value)
      else
        (
          (form.querySelector(`[name=${CARRY_PARAM}]`) as HTMLInputElement | null) ??
          form.appendChild(Object.assign(document.createElement('input'), { type: 'hidden', name: CARRY_PARAM }))
        ).value = value
    } catch {
      // never break a click
    }
  }
  // Capture phase on window: before the site's own handlers, and before the browser navigates.
  if (hosts.length) for (const type of ['click', 'auxclick', 'contextmenu', 'submit']) addEventListener(type, decorate, true)
}
