// Names and categories of the third parties the tracker catalog does not know, from the third-party-web data
// set. Its package entry builds a lookup API over all ~2,100 entities when it is imported (35–50 ms of every
// CLI start and of every audit worker, most of it a backtracking regular expression per domain), and the
// audit needs only "which entity is this host". So the data file is read on the first lookup and indexed by
// host; the lookup follows third-party-web's getEntity (test/audit/third-party.test.ts holds the two equal).
import { createRequire } from 'node:module'

/** An entity of the data set as a finding names it. */
export interface ThirdPartyEntity {
  name: string
  company: string
  category: string
}

interface RawEntity {
  name: string
  company?: string
  category: string
  domains: string[]
}

const require = createRequire(import.meta.url)

/**
 * third-party-web's own root-domain rule (`a.b.example.co.uk` → `example.co.uk`), from its lookup module
 * with an empty data set: no data is read for it.
 */
const rootOf: (url: string) => string = (
  require('third-party-web/lib/create-entity-finder-api.js') as {
    createAPIFromDataset: (entities: readonly RawEntity[]) => { getRootDomain: (url: string) => string }
  }
).createAPIFromDataset([]).getRootDomain

/**
 * The registrable ("root") domain of a host as third-party-web computes it.
 *
 * @example rootDomain('www.youtube.com') // 'youtube.com'
 */
export function rootDomain(host: string): string {
  return rootOf(`https://${host}/`)
}

/** Domains listed as-is, and `*.domain` entries (the domain and all its subdomains). */
let index: { exact: Map<string, ThirdPartyEntity>; wildcard: Map<string, ThirdPartyEntity> } | undefined

function load(): NonNullable<typeof index> {
  // The data set without the HTTP Archive statistics: the same entities and domains, a smaller file.
  const entities = require('third-party-web/dist/entities-nostats.json') as RawEntity[]
  const exact = new Map<string, ThirdPartyEntity>()
  const wildcard = new Map<string, ThirdPartyEntity>()
  for (const raw of entities) {
    const entity = { name: raw.name, company: raw.company ?? raw.name, category: raw.category }
    for (const domain of raw.domains) {
      if (domain.startsWith('*.')) wildcard.set(domain.slice(2), entity)
      else exact.set(domain, entity)
    }
  }
  return { exact, wildcard }
}

/**
 * The third-party-web entity a host belongs to: the host itself listed, else the nearest `*.` entry among
 * the host and its parent domains down to its root domain.
 *
 * @example thirdPartyEntity('fonts.googleapis.com')?.category // 'cdn'
 */
export function thirdPartyEntity(host: string): ThirdPartyEntity | undefined {
  index ??= load()
  const listed = index.exact.get(host)
  if (listed) return listed
  const root = rootDomain(host)
  for (let domain = host; ; domain = domain.slice(domain.indexOf('.') + 1)) {
    const entity = index.wildcard.get(domain)
    if (entity) return entity
    if (domain.length <= root.length || !domain.includes('.')) return undefined
  }
}
