/**
 * Self-reported attribution: which creators, campaigns and channels a "how did you hear about us?"
 * answer names. Free text is matched word by word against codes, ids, names and @handles, with the
 * registry's confusable-code folding (`codeSkeleton`: 0/o, 1/l/i, - and _), so "saw @Le0 on YouTube"
 * names the creator `leo`.
 */
import type { Channel } from '../attribution/channels.js'
import type { SurveyChannel } from '../events/catalog.js'
import { codeSkeleton } from '../links/normalize.js'

/**
 * The attribution channels a survey choice stands for. Word of mouth (`friend`, `colleague`) and `other`
 * have no tracked channel.
 */
export const SURVEY_CHOICE_CHANNELS: Readonly<Record<SurveyChannel, readonly Channel[]>> = {
  search: ['organic_search'],
  ai_assistant: ['organic_search'],
  social: ['organic_social'],
  youtube: ['organic_social'],
  podcast: ['influencer'],
  newsletter: ['email'],
  friend: [],
  colleague: [],
  community: ['community'],
  event: ['event'],
  blog: ['content'],
  ad: ['paid_search', 'paid_social'],
  other: [],
}

/** Shortest folded term matched in free text: two-letter codes would match ordinary words. */
export const MIN_TERM_LENGTH = 3
const MAX_WORDS = 4

/** Words of a text, accents removed, lowercase, a leading `@` dropped. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9_@-]+/)
    .map((w) => w.replace(/^@+/, '').replace(/^[-_]+|[-_]+$/g, ''))
    .filter((w) => w !== '')
}

/** A term (code, id, name) as matched: its words folded and joined, so "Priya Raman" matches "priya-raman" and "PriyaRaman". */
const fold = (term: string): { folded: string; count: number } => {
  const list = words(term)
  return { folded: list.map(codeSkeleton).join(''), count: list.length }
}

/** Finds the keys named in a text. */
export type SurveyMatcher = (text: string) => Set<string>

/**
 * A matcher over candidates (row keys with the terms that name them). Each run of up to four words of the
 * text is folded and looked up, so the cost is linear in the text, whatever the number of creators.
 * @example
 * ```ts
 * const match = surveyMatcher([{ key: 'leo', terms: ['leo', 'Leo Park'] }])
 * match('I saw @Le0 on YouTube') // Set { 'leo' }
 * match('leo park’s video')       // Set { 'leo' }
 * ```
 */
export function surveyMatcher(candidates: readonly { key: string; terms: readonly string[] }[]): SurveyMatcher {
  const index = new Map<string, Set<string>>()
  let longest = 1
  for (const { key, terms } of candidates) {
    for (const term of terms) {
      const { folded, count } = fold(term)
      if (folded.length < MIN_TERM_LENGTH || count > MAX_WORDS) continue
      longest = Math.max(longest, count)
      let keys = index.get(folded)
      if (!keys) index.set(folded, (keys = new Set()))
      keys.add(key)
    }
  }
  return (text) => {
    const found = new Set<string>()
    const list = words(text.slice(0, 2000)).map(codeSkeleton)
    for (let i = 0; i < list.length; i++) {
      let joined = ''
      for (let n = 0; n < longest && i + n < list.length; n++) {
        joined += list[i + n]
        for (const key of index.get(joined) ?? []) found.add(key)
      }
    }
    return found
  }
}

/** True when an answer names a source: any choice but `other`, or free text. */
export function namesSource(answer: string | undefined, detail: string | undefined): boolean {
  return (answer !== undefined && answer !== '' && answer !== 'other') || (detail !== undefined && detail.trim() !== '')
}
