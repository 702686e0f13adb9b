import { Command, CommanderError } from 'commander'
import { registerDev } from './dev.js'
import { registerLinks } from './links.js'
import { registerAudit } from './audit.js'
import { registerCsp } from './csp.js'
import { registerReport } from './report.js'
import { EXIT, reportError } from './errors.js'

/** Replaced with package.json's version at build time (rollup.config.ts). */
declare const __FIRSTPARTY_VERSION__: string

// Each capability registers its own subcommand here.
const program = new Command('firstparty')
  .description('First-party analytics for marketing sites')
  .version(__FIRSTPARTY_VERSION__, '-v, --version', 'print the firstparty version')
  .option('--debug', 'print stack traces for errors')
  .exitOverride()
  .showHelpAfterError()
registerDev(program)
registerLinks(program)
registerAudit(program)
registerCsp(program)
registerReport(program)

const debug = process.argv.includes('--debug')
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // commander already printed its message; help/version exit 0.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage
    return
  }
  process.exitCode = reportError(error, debug)
})
