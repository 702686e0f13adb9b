import { Command, CommanderError } from 'commander'
import { EXIT, reportError } from './errors.js'

/** Replaced with package.json's version at build time (rollup.config.ts). */
declare const __FIRSTPARTY_VERSION__: string

const program = new Command('firstparty')
  .description('First-party analytics for marketing sites')
  .version(__FIRSTPARTY_VERSION__, '-v, --version', 'print the firstparty version')
  .option('--debug', 'print stack traces for errors')
  .exitOverride()
  .showHelpAfterError()

// Each capability registers its own subcommand. Only the one named on the command line is loaded: the others
// pull in the dev server, the report builder, QR codes… which `firstparty audit` in CI would pay for at every
// start. Help, --version and unknown commands load them all (in this order, the order help lists them).
const COMMANDS = new Map<string, () => Promise<(program: Command) => void>>([
  ['dev', async () => (await import('./dev.js')).registerDev],
  ['links', async () => (await import('./links.js')).registerLinks],
  ['audit', async () => (await import('./audit.js')).registerAudit],
  ['csp', async () => (await import('./csp.js')).registerCsp],
  ['report', async () => (await import('./report.js')).registerReport],
])
// Global options take no values, so the first word that is not an option is the subcommand.
const named = process.argv.slice(2).find((word) => !word.startsWith('-'))
const only = named === undefined ? undefined : COMMANDS.get(named)
for (const register of await Promise.all(only ? [only()] : [...COMMANDS.values()].map((load) => load()))) register(program)

const debug = process.argv.includes('--debug')
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // commander already printed its message; help/version exit 0.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage
    return
  }
  process.exitCode = reportError(error, debug)
})
