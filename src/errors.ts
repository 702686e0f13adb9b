/** Prefix of every message firstparty prints, so a site can filter them. */
export const PREFIX = '[firstparty]'

/** Error thrown for misuse (bad options, bad input). Its message says what to change. */
export class FirstpartyError extends Error {
  override name = 'FirstpartyError'
}

/**
 * Development build: loud errors, option validation, warnings. Bundlers replace `process.env.NODE_ENV`
 * (the contract React, Vue and nanostores rely on too), so production builds fold this to `false` and drop
 * the dev-only code; Node has `process`. Pages without a bundler use `firstparty.global.js`, built for
 * production. A `typeof process` guard would be safer but stops minifiers from dropping the dev code.
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production'

/** {@link DEV} as a function, for code that reads it at call time. */
export function isDev(): boolean {
  return DEV
}

/** Warn once per message with the firstparty prefix. */
const warned = new Set<string>()
export function warn(message: string): void {
  if (warned.has(message)) return
  warned.add(message)
  console.warn(`${PREFIX} ${message}`)
}
