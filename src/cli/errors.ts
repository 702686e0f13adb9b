// How the CLI reports errors. The classes themselves (UsageError: printed without a stack trace, exit 2)
// live with the rest of the hierarchy in src/errors.ts.

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const

/** Print an error the way every command does: one clear line, the stack only with --debug. */
export function reportError(error: unknown, debug: boolean): number {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`firstparty: ${message}`)
  if (debug && error instanceof Error && error.stack) console.error(error.stack)
  return EXIT.usage
}
