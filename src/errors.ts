/** Prefix of every message firstparty prints, so a site can filter them. */
export const PREFIX = '[firstparty]'

/** Error thrown for misuse (bad options, bad input). Its message says what to change. */
export class FirstpartyError extends Error {
  override name = 'FirstpartyError'
}

/**
 * Development mode: loud errors and warnings. Bundlers replace `process.env.NODE_ENV`;
 * where nothing does (a plain `<script>`), reading `process` throws and we are quiet.
 */
export function isDev(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return false
  }
}

/** Warn once per message with the firstparty prefix. */
const warned = new Set<string>()
export function warn(message: string): void {
  if (warned.has(message)) return
  warned.add(message)
  console.warn(`${PREFIX} ${message}`)
}
