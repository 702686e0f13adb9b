import type { Command } from 'commander'
import { loadConfig } from '../config/index.js'
import { buildCsp, cspMetaTag } from '../csp/index.js'

/** `firstparty csp`: print the Content-Security-Policy for firstparty.config.json. */
export function registerCsp(program: Command): void {
  program
    .command('csp')
    .description('print the Content-Security-Policy header built from firstparty.config.json')
    .option('-c, --config <file>', 'config file (default: firstparty.config.json in this directory)')
    .option('--meta', 'print a <meta http-equiv> tag instead of the header value')
    .option('--trusted-types', "add require-trusted-types-for 'script' (the guard installs the default policy)")
    .option('--report-uri <url>', 'violation report endpoint (header only)')
    .action(async (opts: { config?: string; meta?: boolean; trustedTypes?: boolean; reportUri?: string }) => {
      const config = await loadConfig(opts.config)
      const policy = {
        ...(config.allow ? { allow: config.allow } : {}),
        ...(config.posthog ? { posthog: config.posthog } : {}),
        ...(opts.trustedTypes ? { trustedTypes: true } : {}),
        ...(opts.reportUri ? { reportUri: opts.reportUri } : {}),
      }
      console.log(opts.meta ? cspMetaTag(policy) : buildCsp(policy))
    })
}
