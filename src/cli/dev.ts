import type { Command } from 'commander'
import { startDevServer } from '../server/dev.js'
import { UsageError } from '../errors.js'

/** `firstparty dev`: static site + bundles + local capture sink + live event page. */
export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('serve a site with the local capture sink at /ingest and live events at /_events')
    .option('-p, --port <port>', 'port to listen on', '8787')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('-s, --store <file>', 'NDJSON file each event is appended to', 'events.ndjson')
    .option('--no-store', 'keep events in memory only')
    .option('-d, --dir <dir>', 'static directory to serve (default: the demo page)')
    .option('-q, --quiet', 'do not print events')
    .option('--registry <file>', 'links registry the live report at /_report names creators from (default: ./firstparty.links.json)')
    .action(async (opts: { port: string; host: string; store: string | false; dir?: string; quiet?: boolean; registry?: string }) => {
      const port = Number(opts.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${opts.port}"`)
      const server = await startDevServer({
        port,
        host: opts.host,
        store: opts.store,
        print: !opts.quiet,
        ...(opts.dir ? { dir: opts.dir } : {}),
        ...(opts.registry ? { registry: opts.registry } : {}),
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use; try --port ${port + 1} or --port 0`)
        throw new UsageError(error.message)
      })
      console.log(
        `firstparty dev: ${server.url}/  (events: ${server.url}/_events, report: ${server.url}/_report${opts.store ? `, stored in ${opts.store}` : ''})`,
      )
      const stop = (): void => void server.close().then(() => process.exit(0))
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}
