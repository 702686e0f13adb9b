import { ATTRIBUTION_PARAMS, REF_PARAMS, UTM_PARAMS, type UtmParam } from '../attribution/params.js'
import { FirstpartyError } from '../errors.js'
import { normalizeCode, normalizeValue } from './normalize.js'
import type { Campaign, Creator } from './types.js'

/** Options of {@link tagLink}. */
export interface TagLinkOptions {
  /** Landing page URL. Its own query parameters are kept, except attribution ones, which are replaced. */
  base: string
  /** The creator: `platform` becomes `utm_source`, `code` the referral code, `id` the default `utm_content`. */
  creator: Pick<Creator, 'id' | 'platform' | 'code'>
  /** The campaign: `medium` → `utm_medium`, `id` → `utm_campaign`, `content`/`term` → defaults. */
  campaign: Pick<Campaign, 'id' | 'medium'> & Partial<Pick<Campaign, 'content' | 'term'>>
  /** `utm_content` for this link. @default campaign.content, else the creator id */
  content?: string
  /** `utm_term` for this link. @default campaign.term (omitted when neither is set) */
  term?: string
  /**
   * Query parameter that carries the creator code.
   * @default 'ref' (the first of `REF_PARAMS`, which the attribution parser reads)
   */
  refParam?: string
}

/** Every parameter the builder owns: stripped from the base so a link never carries two sources. */
const OWNED: ReadonlySet<string> = new Set<string>(ATTRIBUTION_PARAMS)

/**
 * The UTM values of a link, normalized (lowercase, `-` separators), keyed by parameter name.
 * @example
 * ```ts
 * linkUtms({ creator: { id: 'theo', platform: 'YouTube', code: 'THEO' }, campaign: { id: 'Launch Week', medium: 'affiliate' } })
 * // { utm_source: 'youtube', utm_medium: 'affiliate', utm_campaign: 'launch-week', utm_content: 'theo' }
 * ```
 */
export function linkUtms(options: Omit<TagLinkOptions, 'base' | 'refParam'>): Partial<Record<UtmParam, string>> {
  const { creator, campaign } = options
  const values: Partial<Record<UtmParam, string>> = {
    utm_source: creator.platform,
    utm_medium: campaign.medium,
    utm_campaign: campaign.id,
    utm_content: options.content ?? campaign.content ?? creator.id,
  }
  const term = options.term ?? campaign.term
  if (term !== undefined) values.utm_term = term
  const out: Partial<Record<UtmParam, string>> = {}
  // Iterating the shared list gives the stable order, whatever order the values were set in.
  for (const name of UTM_PARAMS) {
    const value = values[name]
    if (value === undefined) continue
    const normalized = normalizeValue(value)
    if (normalized !== '') out[name] = normalized
  }
  return out
}

/**
 * Build one tagged link: normalized UTMs in a stable order plus the creator code, nothing else.
 * Throws {@link FirstpartyError} when `base` is not an absolute URL.
 * @example
 * ```ts
 * tagLink({
 *   base: 'https://example.dev/signup',
 *   creator: { id: 'theo', platform: 'YouTube', code: 'Theo' },
 *   campaign: { id: 'launch-week', medium: 'affiliate' },
 * })
 * // 'https://example.dev/signup?utm_source=youtube&utm_medium=affiliate&utm_campaign=launch-week&utm_content=theo&ref=theo'
 * ```
 */
export function tagLink(options: TagLinkOptions): string {
  let url: URL
  try {
    url = new URL(options.base)
  } catch {
    throw new FirstpartyError(`tagLink: base must be an absolute URL, got "${options.base}"`)
  }
  const refParam = options.refParam ?? REF_PARAMS[0]
  // The parser reads names case-insensitively and keeps the first value, so `UTM_SOURCE=x` on the base
  // would win over ours: strip attribution parameters in any case.
  for (const name of new Set(url.searchParams.keys())) {
    const lower = name.toLowerCase()
    if (OWNED.has(lower) || lower === refParam.toLowerCase()) url.searchParams.delete(name)
  }
  for (const [name, value] of Object.entries(linkUtms(options))) url.searchParams.append(name, value)
  const code = normalizeCode(options.creator.code)
  if (code !== '') url.searchParams.append(refParam, code)
  return url.href
}
