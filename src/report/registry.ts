import { codeSkeleton, normalizeCode, normalizeValue } from '../links/normalize.js'

/** A registry entry as the report needs it. */
export interface RegistryEntry {
  /** Row key: the creator code (lowercase) or the campaign id as links write it. */
  key: string
  name: string
  /** Other names the survey may use: the creator id, the campaign's display name… */
  terms: string[]
  cost: number | null
  currency: string | null
}

/** Creators and campaigns by the keys events carry. */
export interface RegistryLookup {
  creators: RegistryEntry[]
  campaigns: RegistryEntry[]
  /** The registered creator a tracked code belongs to, by the confusable-code skeleton (`le0` → `leo`). */
  creator(code: string): RegistryEntry | undefined
  campaign(id: string): RegistryEntry | undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

function entry(raw: Record<string, unknown>, key: string, terms: (string | undefined)[]): RegistryEntry {
  const cost = typeof raw.cost === 'number' && Number.isFinite(raw.cost) && raw.cost >= 0 ? raw.cost : null
  const currency = typeof raw.currency === 'string' && /^[A-Z]{3}$/.test(raw.currency) ? raw.currency : null
  const name = str(raw.name) ?? key
  return { key, name, terms: [key, name, ...terms].filter((t): t is string => t !== undefined), cost, currency }
}

/**
 * The lookup tables of a parsed registry (`firstparty.links.json`). Never throws: entries that are not
 * well-formed are left out (`links check` is where they are reported).
 * @example
 * ```ts
 * const lookup = registryLookup(JSON.parse(readFileSync('firstparty.links.json', 'utf8')))
 * lookup.creator('THEO')?.name // 'Theo Browne'
 * ```
 */
export function registryLookup(registry: unknown): RegistryLookup {
  const root = isRecord(registry) ? registry : {}
  const creators: RegistryEntry[] = []
  const campaigns: RegistryEntry[] = []
  const bySkeleton = new Map<string, RegistryEntry>()
  const byCampaign = new Map<string, RegistryEntry>()
  for (const raw of Array.isArray(root.creators) ? root.creators : []) {
    const code = isRecord(raw) ? str(raw.code) : undefined
    if (!isRecord(raw) || code === undefined) continue
    const key = normalizeCode(code)
    const skeleton = codeSkeleton(key)
    if (bySkeleton.has(skeleton)) continue
    const made = entry(raw, key, [str(raw.id)])
    bySkeleton.set(skeleton, made)
    creators.push(made)
  }
  for (const raw of Array.isArray(root.campaigns) ? root.campaigns : []) {
    const id = isRecord(raw) ? str(raw.id) : undefined
    if (!isRecord(raw) || id === undefined) continue
    const key = normalizeValue(id)
    if (key === '' || byCampaign.has(key)) continue
    const made = entry(raw, key, [id])
    byCampaign.set(key, made)
    campaigns.push(made)
  }
  return {
    creators,
    campaigns,
    creator: (code) => bySkeleton.get(codeSkeleton(normalizeCode(code))),
    campaign: (id) => byCampaign.get(normalizeValue(id)),
  }
}
