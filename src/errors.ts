/** Prefix of every message firstparty prints, so a site can filter them. */
export const PREFIX = '[firstparty]'

// The one error hierarchy: everything firstparty throws on purpose is a FirstpartyError, so a caller can
// tell "you passed something wrong" (message says what to change) from a bug. Each entry that can throw
// re-exports the classes it throws; unused classes are dropped by the bundler (no side effects here).

/**
 * Base class of every error firstparty throws on purpose: misuse (bad options, bad input). Its message says
 * what to change.
 * @example
 * ```ts
 * import { FirstpartyError, init } from 'firstparty'
 * try { init({ token: '' }) } catch (error) { if (error instanceof FirstpartyError) console.error(error.message) }
 * ```
 */
export class FirstpartyError extends Error {
  override name = 'FirstpartyError'
}

/**
 * A usage or I/O problem of a Node-side API or the CLI (missing file, bad config, bad flag). The CLI prints
 * its message without a stack trace and exits 2.
 * @example
 * ```ts
 * import { loadConfig, UsageError } from 'firstparty/config'
 * const config = await loadConfig().catch((error) => { if (error instanceof UsageError) process.exit(2); throw error })
 * ```
 */
export class UsageError extends FirstpartyError {
  override name = 'UsageError'
}

/**
 * A capture payload the sink cannot read; `status` is the HTTP status it answers with (400, or 413 when too large).
 * @example
 * ```ts
 * import { decodeBody, PayloadError } from 'firstparty/server'
 * try { await decodeBody(body, new URL(request.url)) } catch (error) { if (error instanceof PayloadError) return new Response(null, { status: error.status }) }
 * ```
 */
export class PayloadError extends FirstpartyError {
  override name = 'PayloadError'
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message)
  }
}

/**
 * PostHog could not be reached through the proxy: `status` is 502 (connection refused or reset) or 504 (no
 * answer within `timeoutMs`). The proxy answers the visitor with that status.
 * @example
 * ```ts
 * import { UpstreamError } from 'firstparty/server'
 * const status = (error: unknown) => (error instanceof UpstreamError ? error.status : 500)
 * ```
 */
export class UpstreamError extends FirstpartyError {
  override name = 'UpstreamError'
  constructor(
    message: string,
    readonly status: 502 | 504,
  ) {
    super(message)
  }
}

/**
 * A file the audit cannot read as text (binary, not UTF-8); the audit reports its message as the file's problem.
 * @example
 * ```ts
 * import { InputError } from 'firstparty/audit'
 * const why = (error: unknown) => (error instanceof InputError ? error.message : 'unexpected error')
 * ```
 */
export class InputError extends FirstpartyError {
  override name = 'InputError'
}

/**
 * An events file `firstparty report` cannot read (missing, not an export, too big a JSON document). A usage
 * problem: the CLI prints its message and exits 2.
 * @example
 * ```ts
 * // What `firstparty report` and the dev server's /_report page do with it (src/report/page.ts):
 * try { await readEventFile('events.csv', sink) } catch (error) { if (error instanceof ReportInputError) return error.message; throw error }
 * ```
 */
export class ReportInputError extends UsageError {
  override name = 'ReportInputError'
}

/**
 * Development build: loud errors, option validation, warnings. Bundlers replace `process.env.NODE_ENV`
 * (the contract React, Vue and nanostores rely on too), so production builds fold this to `false` and drop
 * the dev-only code; Node has `process`. Pages without a bundler use `firstparty.global.js`, built for
 * production. A `typeof process` guard would be safer but stops minifiers from dropping the dev code.
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production'

/** Warn once per message with the firstparty prefix. */
const warned = new Set<string>()
export function warn(message: string): void {
  if (warned.has(message)) return
  warned.add(message)
  console.warn(`${PREFIX} ${message}`)
}
