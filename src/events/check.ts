import { BUILTIN_EVENTS, type EventShape, type PropShape } from './shapes.js'

// Shapes of the site's own events, for the development check (declaration merging is types only).
const custom = new Map<string, EventShape>()

/**
 * Tell the development check about your own events, so it stops warning about them and checks
 * their properties. Types come from `interface Events`; this is the runtime half, optional.
 * @example
 * ```ts
 * defineEvents({ plan_upgraded: { props: { plan: { oneOf: ['pro', 'team'] }, seats: 'number' } } })
 * ```
 */
export function defineEvents(shapes: Readonly<Record<string, EventShape>>): void {
  for (const [name, shape] of Object.entries(shapes)) custom.set(name, shape)
}

function typeOk(value: unknown, shape: PropShape): boolean {
  if (typeof shape === 'object') return (value === undefined && shape.optional === true) || shape.oneOf.includes(value as string)
  const optional = shape.endsWith('?')
  if (value === undefined) return optional
  const type = optional ? shape.slice(0, -1) : shape
  if (type === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string')
  return typeof value === type && !(type === 'number' && !Number.isFinite(value))
}

const describeShape = (s: PropShape): string => (typeof s === 'object' ? s.oneOf.map((v) => JSON.stringify(v)).join(' | ') : s.replace(/\?$/, ''))

/**
 * Problems with one `track` call, compared with the catalog and {@link defineEvents}: unknown
 * event, unknown property, missing or mistyped property. Empty when the call is fine.
 * Runs only in development (see `Client.track`); never throws.
 */
export function checkEvent(name: unknown, properties: unknown): string[] {
  if (typeof name !== 'string') return [`track(): the event name must be a string, got ${typeof name}`]
  const shape = custom.get(name) ?? (Object.hasOwn(BUILTIN_EVENTS, name) ? (BUILTIN_EVENTS as Record<string, EventShape>)[name] : undefined)
  if (!shape)
    return [`track("${name}"): unknown event. Declare it in \`interface Events\` (TypeScript) and with defineEvents() for this check, or fix the name.`]
  if (shape.props === 'any') return []
  if (properties === undefined || properties === null) {
    const required = Object.entries(shape.props)
      .filter(([, s]) => !typeOk(undefined, s))
      .map(([k]) => k)
    return shape.optionalProps || !required.length ? [] : [`track("${name}"): missing properties ${required.join(', ')}`]
  }
  if (typeof properties !== 'object' || Array.isArray(properties)) return [`track("${name}"): properties must be an object`]
  const problems: string[] = []
  const props = properties as Record<string, unknown>
  for (const key of Object.keys(props)) {
    // `$`-prefixed names are posthog-js options ($set, $set_once…), not event data.
    if (!key.startsWith('$') && !Object.hasOwn(shape.props, key)) problems.push(`track("${name}"): unknown property "${key}"`)
  }
  for (const [key, s] of Object.entries(shape.props)) {
    if (!typeOk(props[key], s)) problems.push(`track("${name}"): "${key}" must be ${describeShape(s)}, got ${JSON.stringify(props[key]) ?? 'undefined'}`)
  }
  return problems
}
