import { bareHost, cleanDomain, hostIn } from '../hosts/index.js'
import { DEFAULT_CHANNEL_RULES, classifyChannel } from './channels.js'
import type { CrossDomainOptions } from './carry.js'
import { CLICK_ID_PARAMS, REF_PARAMS, UTM_PARAMS, type ClickIdParam } from './params.js'
import { cleanValue } from './sanitize.js'
import type { ChannelRule, ClickNetwork, Touch } from './types.js'

export type { Touch } from './types.js'

/** Options of attribution (the `attribution` option of `init`, and {@link parseTouch}). */
export interface AttributionOptions extends CrossDomainOptions {
  /** More creator-code parameter names, read after `ref` and `via`. */
  refParams?: readonly string[]
  /** Creator hosts (matched against the referrer) and handles (matched against `utm_source`, `utm_content`, creator code): visits from them are `influencer`. */
  creators?: readonly string[]
  /** Classification rules replacing the defaults (see `DEFAULT_CHANNEL_RULES`). */
  rules?: readonly ChannelRule[]
  /** Days a stored touch is kept. @default 90 */
  ttlDays?: number
  /** Share the attribution cookie with every subdomain of the site's registrable domain. @default true */
  crossSubdomain?: boolean
  /** Remove tracking parameters from the address bar once the touch is recorded. @default false */
  cleanUrl?: boolean
}

const BASE = 'http://invalid.invalid'
const REFERRER_PROTOCOLS = ['http:', 'https:', 'android-app:']

function parseUrl(input: unknown, base?: string): URL | undefined {
  if (typeof input !== 'string' || input === '') return undefined
  try {
    return new URL(input, base)
  } catch {
    return undefined
  }
}

/** First non-empty cleaned value of each parameter, names case-insensitive. */
function firstValues(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>()
  params.forEach((value, name) => {
    const key = name.toLowerCase()
    if (out.has(key)) return
    const clean = cleanValue(value)
    if (clean !== undefined) out.set(key, clean)
  })
  return out
}

/** The rules in effect: creator rules first, then the site's rules or the defaults. */
export function rulesFor(options: AttributionOptions = {}): readonly ChannelRule[] {
  const base = Array.isArray(options.rules) ? options.rules : DEFAULT_CHANNEL_RULES
  const creators = Array.isArray(options.creators) ? options.creators : []
  if (!creators.length) return base
  return [{ channel: 'influencer', from: creators }, { channel: 'influencer', content: creators }, ...base]
}

/**
 * Parse a landing URL and referrer into a {@link Touch}. Never throws: invalid URLs, `javascript:`
 * referrers, repeated parameters (first non-empty wins), huge query strings and unicode all give a
 * defined result. Values that look personal (emails, tokens, phone numbers) are dropped; click id
 * values are never kept, only which network they belong to.
 * @param url - the landing URL, usually `location.href` (relative URLs are accepted)
 * @param referrer - `document.referrer`; a referrer on the landing host (or a `crossDomain` host) counts as none
 * @param options - creator-code names, creators and channel rules
 * @example
 * ```ts
 * const touch = parseTouch('https://acme.dev/?utm_source=newsletter&utm_campaign=launch&ref=theo')
 * touch.ref      // 'theo'
 * touch.channel  // 'influencer'
 * ```
 */
export function parseTouch(url: string, referrer?: string, options: AttributionOptions = {}): Touch {
  const landing = parseUrl(url, BASE)
  const values = firstValues(landing?.searchParams ?? new URLSearchParams())
  const utm: Touch['utm'] = {}
  for (const name of UTM_PARAMS) {
    const v = values.get(name)
    if (v !== undefined) utm[name] = v
  }
  const refNames = [...REF_PARAMS, ...(Array.isArray(options.refParams) ? options.refParams : [])]
  const ref = refNames.map((n) => (typeof n === 'string' ? values.get(n.toLowerCase()) : undefined)).find((v) => v !== undefined)
  const clickIds: ClickNetwork[] = []
  for (const name of Object.keys(CLICK_ID_PARAMS) as ClickIdParam[]) {
    const network = CLICK_ID_PARAMS[name]
    // Click ids are long opaque tokens: presence is what counts, so read them raw.
    if (landing?.searchParams.get(name) && !clickIds.includes(network)) clickIds.push(network)
  }
  const from = parseUrl(referrer)
  let referrerHost: string | undefined
  if (from && REFERRER_PROTOCOLS.includes(from.protocol) && from.hostname) {
    const host = bareHost(from.hostname)
    const ownSites = Array.isArray(options.crossDomain) ? options.crossDomain : []
    const internal = (landing && host === bareHost(landing.hostname)) || ownSites.some((d) => typeof d === 'string' && hostIn(host, bareHost(cleanDomain(d))))
    if (!internal) referrerHost = host
  }
  const touch: Omit<Touch, 'channel'> = {
    utm,
    ...(ref !== undefined ? { ref } : {}),
    clickIds,
    paid: clickIds.length > 0,
    ...(referrerHost !== undefined ? { referrerHost } : {}),
    landingPath: landing?.pathname || '/',
    timestamp: Date.now(),
  }
  const channel = classifyChannel(touch, rulesFor(options))
  return { ...touch, channel, paid: touch.paid || channel === 'paid_search' || channel === 'paid_social' }
}
