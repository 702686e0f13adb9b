import { normalizeCode, normalizeValue } from './normalize.js'
import { tagLink } from './tag.js'
import type { BuiltLink, Registry } from './types.js'

/** Options of {@link buildLinks}. */
export interface BuildLinksOptions {
  /** Landing URL used instead of each campaign's (a creator's own `landing` still wins). */
  base?: string
  /** Called after each creator, for progress reports on long registries. */
  onProgress?: (done: number, total: number) => void
}

/**
 * Build every link of a registry: one per creator and campaign they take part in (`creator.campaigns`,
 * default all), in registry order. Validate first with {@link validateRegistry}: this trusts the shape.
 * Landing precedence: `creator.landing`, then `options.base`, then `campaign.landing`.
 * @example
 * ```ts
 * const links = buildLinks(registry, { base: 'https://example.dev/signup' })
 * links[0].url // 'https://example.dev/signup?utm_source=youtube&utm_medium=affiliate&…&ref=theo'
 * ```
 */
export function buildLinks(registry: Registry, options: BuildLinksOptions = {}): BuiltLink[] {
  const links: BuiltLink[] = []
  const byId = new Map(registry.campaigns.map((c) => [normalizeValue(c.id), c]))
  const total = registry.creators.length
  registry.creators.forEach((creator, index) => {
    const campaigns = creator.campaigns ? creator.campaigns.flatMap((id) => byId.get(normalizeValue(id)) ?? []) : registry.campaigns
    for (const campaign of campaigns) {
      const url = tagLink({
        base: creator.landing ?? options.base ?? campaign.landing,
        creator,
        campaign,
        ...(registry.refParam === undefined ? {} : { refParam: registry.refParam }),
      })
      links.push({
        creator: creator.id,
        name: creator.name,
        platform: normalizeValue(creator.platform),
        channel: creator.channel,
        code: normalizeCode(creator.code),
        campaign: normalizeValue(campaign.id),
        url,
      })
    }
    options.onProgress?.(index + 1, total)
  })
  return links
}
