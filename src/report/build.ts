/**
 * The report itself: events in (any order, any number), one small record per visitor, rows out. Memory grows
 * with distinct visitors, not with events.
 */
import { normalizeCode, normalizeValue } from '../links/normalize.js'
import { SURVEY_CHANNELS } from '../events/shapes.js'
import type { SurveyChannel } from '../events/catalog.js'
import type { RegistryEntry, RegistryLookup } from './registry.js'
import { SURVEY_CHOICE_CHANNELS, namesSource, surveyMatcher } from './survey.js'
import type { Report, ReportBy, ReportEvent, ReportInput, ReportModel, ReportOptions, ReportRow, ReportRowKind } from './types.js'

/** Row key of visitors with no touch at all (no attribution properties, no landing). */
export const UNTRACKED = '(untracked)'
const LANDINGS = new Set(['referral_landed', 'campaign_landed'])
const DARK = new Set(['direct', 'unknown', UNTRACKED])
const DAY = /^\d{4}-\d{2}-\d{2}$/
/** Distinct last touches kept per visitor (the last model); more are not credited. */
export const MAX_KEYS_PER_VISITOR = 64

/** Property names of one touch. */
interface TouchNames {
  channel: string
  ref: string
  campaign: string
}
const names = (prefix: string): TouchNames => ({ channel: `${prefix}channel`, ref: `${prefix}ref`, campaign: `${prefix}utm_campaign` })
const OWN = names('')

interface Visitor {
  /** First model: the one key; last model: every key the visitor's last touch had. */
  keys: string[]
  /** First model: the channel of that key. */
  channel?: string
  /** Time of the event that gave the first-model key (the earliest wins). */
  keyTime: number
  /** Signed up; with the last model, the row and channel the signup is credited to (the first model uses the visitor's key). */
  signup?: { key: string; channel: string }
  survey?: { answer: string | undefined; detail: string | undefined; time: number }
}

/** Fold `from` into `into` (the same person under two ids): the earliest first-model key, one signup, the latest survey. */
function mergeVisitor(into: Visitor, from: Visitor, model: ReportModel): void {
  if (model === 'first') {
    if (from.keys.length && (into.keys.length === 0 || from.keyTime < into.keyTime)) {
      into.keys = from.keys
      into.keyTime = from.keyTime
      if (from.channel !== undefined) into.channel = from.channel
    }
  } else for (const key of from.keys) if (into.keys.length < MAX_KEYS_PER_VISITOR && !into.keys.includes(key)) into.keys.push(key)
  if (!into.signup && from.signup) {
    into.signup = from.signup
    if (model === 'last' && !into.keys.includes(from.signup.key)) into.keys.push(from.signup.key)
  }
  if (from.survey && (!into.survey || from.survey.time >= into.survey.time)) into.survey = from.survey
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

/** Milliseconds of the first instant of a `YYYY-MM-DD` day (UTC), and of the day after it. */
function dayBounds(day: string | undefined, name: string): [number, number] | undefined {
  if (day === undefined) return undefined
  const start = DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) throw new RangeError(`${name} must be a day YYYY-MM-DD, got "${day}"`)
  return [start, start + 86_400_000]
}

/**
 * Builds a report from events fed one at a time.
 * @example
 * ```ts
 * const builder = new ReportBuilder({ by: 'creator', model: 'first' }, registryLookup(registry))
 * for (const event of events) builder.add(event)
 * const report = builder.finish()
 * ```
 */
export class ReportBuilder {
  readonly by: ReportBy
  readonly model: ReportModel
  private readonly touch: TouchNames
  private readonly keys = new Map<string, string>()
  private readonly from: number
  private readonly to: number
  private readonly ranged: boolean
  private readonly visitors = new Map<string, Visitor>()
  private readonly aliases = new Map<string, string>()
  private readonly landings = new Map<string, number>()
  private readonly seen = new Set<string>()
  readonly input: ReportInput = { files: 0, events: 0, malformed: 0, outOfRange: 0 }

  /**
   * @param options - rows (`by`), attribution model, date range (UTC days, both included)
   * @param registry - names, costs and the codes to fold tracked codes onto; without it every code is `tracked`
   * @throws RangeError when `from` or `to` is not a real `YYYY-MM-DD` day
   */
  constructor(
    private readonly options: ReportOptions = {},
    private readonly registry?: RegistryLookup,
  ) {
    this.by = options.by ?? 'creator'
    this.model = options.model ?? 'first'
    this.touch = names(`${this.model}_touch_`)
    const from = dayBounds(options.from, '--from')
    const to = dayBounds(options.to, '--to')
    this.from = from?.[0] ?? Number.NEGATIVE_INFINITY
    this.to = to?.[1] ?? Number.POSITIVE_INFINITY
    if (from && to && to[0] < from[0]) throw new RangeError(`--to ${options.to} is before --from ${options.from}`)
    this.ranged = from !== undefined || to !== undefined
  }

  /** The row key of a touch (the property names of `first_touch_*`, `last_touch_*` or a landing's own), if it has one. */
  private touchKey(p: Readonly<Record<string, unknown>>, names: TouchNames): { key: string; channel: string } | undefined {
    const channel = text(p[names.channel])
    const ref = text(p[names.ref])
    const campaign = text(p[names.campaign])
    if (channel === undefined && ref === undefined && campaign === undefined) return undefined
    const ch = channel ?? 'unknown'
    if (this.by === 'channel') return { key: ch, channel: ch }
    if (this.by === 'creator') return { key: ref === undefined ? `(${ch})` : this.keyOf(ref), channel: ch }
    const id = campaign === undefined ? '' : this.keyOf(campaign)
    return { key: id === '' ? `(${ch})` : id, channel: ch }
  }

  /** A tracked code or campaign id as a row key, memoized: every event of a visitor carries the same one. */
  private keyOf(raw: string): string {
    let key = this.keys.get(raw)
    if (key === undefined) {
      key = this.by === 'creator' ? (this.registry?.creator(raw)?.key ?? normalizeCode(raw)) : normalizeValue(raw)
      // Bounded: hostile input with a new code on every line must not grow the memo without end.
      if (this.keys.size > 100_000) this.keys.clear()
      this.keys.set(raw, key)
    }
    return key
  }

  /**
   * The id a visitor's events are counted under: aliases are followed to the end (an identified id may alias an
   * id that was itself aliased later), and the path is shortened so the next lookup is one step.
   */
  private canonical(id: string): string {
    let root = id
    for (let next = this.aliases.get(root); next !== undefined; next = this.aliases.get(root)) root = next
    for (let at = id, next = this.aliases.get(at); next !== undefined && next !== root; next = this.aliases.get(at)) {
      this.aliases.set(at, root)
      at = next
    }
    return root
  }

  private visitorOf(id: string): Visitor {
    const canonical = this.canonical(id)
    let visitor = this.visitors.get(canonical)
    if (!visitor) this.visitors.set(canonical, (visitor = { keys: [], keyTime: Number.POSITIVE_INFINITY }))
    return visitor
  }

  /** Count a line or row that is not an event. */
  malformed(count = 1): void {
    this.input.malformed += count
  }

  /** Add one event. Events outside the date range are counted and dropped. */
  add(e: ReportEvent): void {
    if (this.ranged && (e.time === undefined || e.time < this.from || e.time >= this.to)) {
      this.input.outOfRange++
      return
    }
    this.input.events++
    const p = e.properties
    if (e.event === '$identify') {
      // posthog-js sends the anonymous id it replaces: both ids are one visitor from here on.
      const anonymous = text(p.$anon_distinct_id)
      // Both ids may already stand for others (a login on a second device, an id identified twice): their
      // groups become one, as PostHog merges persons.
      const identified = this.canonical(e.visitor)
      const canonical = anonymous === undefined ? identified : this.canonical(anonymous)
      if (canonical !== identified) {
        this.aliases.set(identified, canonical)
        // Events already counted under the identified id belong to the same visitor: fold them in, so one
        // person is never two visitors (nor two signups).
        const before = this.visitors.get(identified)
        if (before) {
          this.visitors.delete(identified)
          const into = this.visitors.get(canonical)
          if (!into) this.visitors.set(canonical, before)
          else mergeVisitor(into, before, this.model)
        }
      }
    }
    const visitor = this.visitorOf(e.visitor)
    const landing = LANDINGS.has(e.event)
    const own = landing ? this.touchKey(p, OWN) : undefined
    if (own) {
      this.landings.set(own.key, (this.landings.get(own.key) ?? 0) + 1)
      this.seen.add(own.key)
    }
    const touch = this.touchKey(p, this.touch) ?? own
    if (touch) {
      this.seen.add(touch.key)
      if (this.model === 'first') {
        const time = e.time ?? Number.POSITIVE_INFINITY
        if (visitor.keys.length === 0 || time < visitor.keyTime) {
          visitor.keys = [touch.key]
          visitor.channel = touch.channel
          visitor.keyTime = time
        }
        // A visitor's last touches are few; a cap keeps one hostile visitor with a new code per line linear.
      } else if (visitor.keys.length < MAX_KEYS_PER_VISITOR && !visitor.keys.includes(touch.key)) visitor.keys.push(touch.key)
    }
    if (e.event === 'signup_completed' && !visitor.signup) {
      const key = touch?.key ?? visitor.keys.at(-1) ?? UNTRACKED
      // The signup's row always counts the visitor (also past the cap, and for an untracked signup).
      if (this.model === 'last' && !visitor.keys.includes(key)) visitor.keys.push(key)
      visitor.signup = { key, channel: touch?.channel ?? UNTRACKED }
    }
    if (e.event === 'attribution_survey_answered') {
      const time = e.time ?? Number.NEGATIVE_INFINITY
      if (!visitor.survey || time >= visitor.survey.time) visitor.survey = { answer: text(p.answer), detail: text(p.detail), time }
    }
  }

  /** The report of everything added so far. */
  finish(): Report {
    const visitors = new Map<string, number>()
    const signups = new Map<string, number>()
    const named = new Map<string, number>()
    const bump = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1)
    const entries = new Map<string, RegistryEntry>()
    for (const entry of (this.by === 'creator' ? this.registry?.creators : this.by === 'campaign' ? this.registry?.campaigns : undefined) ?? [])
      entries.set(entry.key, entry)

    const keys = new Set<string>([...entries.keys(), ...this.seen])
    const match = surveyMatcher(
      [...keys].filter((k) => !k.startsWith('(') && this.by !== 'channel').map((key) => ({ key, terms: entries.get(key)?.terms ?? [key] })),
    )
    let surveyAnswers = 0
    let untrackedSignups = 0
    let untrackedNaming = 0
    for (const visitor of this.visitors.values()) {
      const list = visitor.keys.length ? visitor.keys : [UNTRACKED]
      for (const key of list) bump(visitors, key)
      // First model: the signup goes to the visitor's one key, so no row has more signups than visitors.
      const signup = visitor.signup && (this.model === 'first' ? { key: list[0] ?? UNTRACKED, channel: visitor.channel ?? UNTRACKED } : visitor.signup)
      if (signup) bump(signups, signup.key)
      const survey = visitor.survey
      const naming = survey !== undefined && namesSource(survey.answer, survey.detail)
      if (signup && DARK.has(signup.channel)) {
        untrackedSignups++
        if (naming) untrackedNaming++
      }
      if (!survey || !naming) continue
      surveyAnswers++
      const names = survey.detail === undefined ? new Set<string>() : match(survey.detail)
      const choice = survey.answer as SurveyChannel | undefined
      if (choice !== undefined && (SURVEY_CHANNELS as readonly string[]).includes(choice))
        for (const channel of SURVEY_CHOICE_CHANNELS[choice]) names.add(this.by === 'channel' ? channel : `(${channel})`)
      for (const key of names) bump(named, key)
    }
    for (const key of visitors.keys()) keys.add(key)

    const rows: ReportRow[] = [...keys].map((key) => {
      const entry = entries.get(key)
      const v = visitors.get(key) ?? 0
      const s = signups.get(key) ?? 0
      const cost = entry?.cost ?? null
      const kind: ReportRowKind = key.startsWith('(') ? 'other' : this.by === 'channel' || !this.registry ? 'tracked' : entry ? 'registered' : 'unregistered'
      return {
        key,
        name: entry?.name ?? null,
        kind,
        landings: this.landings.get(key) ?? 0,
        visitors: v,
        signups: s,
        conversion: v > 0 ? s / v : null,
        cost,
        currency: entry?.currency ?? null,
        costPerSignup: cost !== null && s > 0 ? cost / s : null,
        selfReported: key === UNTRACKED ? null : (named.get(key) ?? 0),
      }
    })
    rows.sort(compareRows)

    const total = (pick: (r: ReportRow) => number): number => rows.reduce((sum, r) => sum + pick(r), 0)
    const costed = rows.filter((r) => r.cost !== null)
    const currencies = new Set(costed.map((r) => r.currency))
    const sameCurrency = currencies.size <= 1
    const cost = costed.length && sameCurrency ? total((r) => r.cost ?? 0) : null
    const costedSignups = costed.reduce((sum, r) => sum + r.signups, 0)
    const signupTotal = total((r) => r.signups)
    return {
      by: this.by,
      model: this.model,
      from: this.options.from ?? null,
      to: this.options.to ?? null,
      rows,
      totals: {
        landings: total((r) => r.landings),
        visitors: this.visitors.size,
        signups: signupTotal,
        conversion: this.visitors.size ? signupTotal / this.visitors.size : null,
        cost,
        currency: cost !== null && sameCurrency ? ([...currencies][0] ?? null) : null,
        costPerSignup: cost !== null && costedSignups > 0 ? cost / costedSignups : null,
        surveyAnswers,
        untrackedSignups,
        untrackedSignupsNamingSource: untrackedNaming,
        darkSocialShare: untrackedSignups ? untrackedNaming / untrackedSignups : null,
      },
      unregistered: rows.filter((r) => r.kind === 'unregistered').map((r) => r.key),
      input: { ...this.input },
    }
  }
}

/** Best first: tracked rows before the other ones, then most signups, best conversion, most visitors, key. */
export function compareRows(a: ReportRow, b: ReportRow): number {
  const other = Number(a.kind === 'other') - Number(b.kind === 'other')
  if (other) return other
  return (
    b.signups - a.signups ||
    (b.conversion ?? -1) - (a.conversion ?? -1) ||
    b.visitors - a.visitors ||
    b.landings - a.landings ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  )
}
