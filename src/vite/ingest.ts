import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHandler, type EventMeta, type Handler } from '../server/handler.js'
import type { CapturedEvent } from '../server/decode.js'
import { formatEvent } from '../server/format.js'
import { serveNode } from '../server/node.js'

/** What `vite` (dev) and `vite preview` do with `/ingest`: keep events locally (sink) or forward them to PostHog. */
export type IngestOptions =
  | {
      /** Path posthog-js posts to: your `apiHost`. @default '/ingest' */
      basePath?: string
      /** Called with each decoded event. @default prints one line per event, like `firstparty dev` */
      onEvent?: (event: CapturedEvent, meta: EventMeta) => void
    }
  | {
      /** Path posthog-js posts to: your `apiHost`. @default '/ingest' */
      basePath?: string
      /** Forward to PostHog instead of keeping events local, e.g. `https://eu.i.posthog.com`. */
      upstream: string
    }

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void

/**
 * Connect middleware serving the capture sink (or the proxy) under `basePath`; other paths fall through.
 * @param print where log lines and event lines go (Vite's logger)
 */
export function ingestMiddleware(options: IngestOptions, print: (line: string) => void): Middleware {
  const basePath = (options.basePath ?? '/ingest').replace(/\/+$/, '')
  const handler: Handler =
    'upstream' in options
      ? createHandler({ mode: 'proxy', upstream: options.upstream, basePath, log: print })
      : createHandler({
          basePath,
          log: print,
          onEvent: options.onEvent ?? ((e, meta) => print(formatEvent({ ...e, receivedAt: meta.receivedAt.toISOString() }))),
        })
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return next()
    serveNode(handler, req, res).catch(next)
  }
}
