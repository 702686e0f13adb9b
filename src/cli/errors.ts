/** A usage or I/O problem: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const

/** Print an error the way every command does: one clear line, the stack only with --debug. */
export function reportError(error: unknown, debug: boolean): number {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`firstparty: ${message}`)
  if (debug && error instanceof Error && error.stack) console.error(error.stack)
  return EXIT.usage
}
