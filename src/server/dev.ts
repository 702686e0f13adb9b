import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import { dirname, extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { createHandler } from './handler.js'
import { EVENTS_PAGE } from './events-page.js'
import { reportPage } from '../report/page.js'
import { formatEvent, type StoredEvent } from './format.js'
import { serveNode } from './node.js'
import { FirstpartyError, UsageError } from '../errors.js'

/** Options of {@link startDevServer} and `firstparty dev`. */
export interface DevServerOptions {
  /** Port to listen on; 0 picks a free one. @default 8787 */
  port?: number
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string
  /** NDJSON file each event is appended to; `false` keeps events in memory only. @default 'events.ndjson' */
  store?: string | false
  /** Static directory served at `/`. @default the package's demo, examples/plain-html */
  dir?: string
  /** Print each event as a readable line. @default true */
  print?: boolean
  /** Called with each stored event. */
  onEvent?: (event: StoredEvent) => void
  /** Links registry the live report at `/_report` names creators from. @default ./firstparty.links.json when it exists */
  registry?: string
}

/** A running dev server. */
export interface DevServer {
  url: string
  /** Events received so far, oldest first. */
  events: StoredEvent[]
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
}

/** The installed package's root: the nearest folder up from this file whose package.json is firstparty's. */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from)
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'firstparty') return dir
    const up = dirname(dir)
    if (up === dir) throw new FirstpartyError('cannot find the firstparty package root (is the package installed whole?)')
    dir = up
  }
}

/** Resolve `urlPath` inside `root`, or undefined when it escapes or does not exist. */
function fileIn(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  const full = normalize(join(root, decoded))
  if (full !== root && !full.startsWith(root + sep)) return undefined
  if (!existsSync(full)) return undefined
  const stat = statSync(full)
  if (stat.isDirectory()) return existsSync(join(full, 'index.html')) ? join(full, 'index.html') : undefined
  return stat.isFile() ? full : undefined
}

function sendFile(res: ServerResponse, file: string): void {
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
  res.end(readFileSync(file))
}

/**
 * Start the local dev server: your static pages at `/`, firstparty's bundles at `/firstparty/`,
 * the capture sink at `/ingest`, the live event list at `/_events` and the live report at `/_report`.
 */
export function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const root = packageRoot()
  const dir = resolve(options.dir ?? join(root, 'examples', 'plain-html'))
  const dist = join(root, 'dist')
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return Promise.reject(new UsageError(`--dir ${dir} is not a directory`))
  }
  const store = options.store === undefined ? 'events.ndjson' : options.store
  const events: StoredEvent[] = []
  const streams = new Set<ServerResponse>()

  // One descriptor opened for appending: a restart adds to the file, never truncates it. Each request's
  // events are one synchronous write before the 200, so concurrent requests never interleave inside a line,
  // and a killed server loses only the requests it had not answered yet.
  const fd = store ? openSync(store, 'a') : undefined
  const sink = createHandler({
    onBatch(batch, meta) {
      const stored = batch.map((event): StoredEvent => ({ ...event, receivedAt: meta.receivedAt.toISOString() }))
      if (fd !== undefined) writeSync(fd, stored.map((e) => `${JSON.stringify(e)}\n`).join(''))
      for (const e of stored) {
        events.push(e)
        if (options.print !== false) console.log(formatEvent(e))
        for (const s of streams) s.write(`data: ${JSON.stringify(e)}\n\n`)
        options.onEvent?.(e)
      }
    },
  })

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/ingest' || path.startsWith('/ingest/')) {
      void serveNode(sink, req, res)
      return
    }
    if (path === '/_events') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(EVENTS_PAGE)
      return
    }
    if (path === '/_report') {
      // The same report as `firstparty report <store>`, rebuilt from the store on each request.
      const source = { store, events, ...(options.registry ? { registry: options.registry } : {}) }
      reportPage(new URL(req.url ?? '/', 'http://x'), source).then(
        (answer) => res.writeHead(answer.status, { 'content-type': answer.type, 'cache-control': 'no-store' }).end(answer.body),
        () => res.writeHead(500).end(),
      )
      return
    }
    if (path === '/_events.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(events))
      return
    }
    if (path === '/_events/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`)
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    const file = path.startsWith('/firstparty/') ? fileIn(dist, path.slice('/firstparty'.length)) : fileIn(dir, path)
    if (file) sendFile(res, file)
    else res.writeHead(404, { 'content-type': 'text/plain' }).end(`404 ${path}\n`)
  })

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolvePromise({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        events,
        close: () =>
          new Promise<void>((done) => {
            for (const s of streams) s.end()
            server.close(() => {
              if (fd !== undefined) closeSync(fd)
              done()
            })
            server.closeAllConnections()
          }),
      })
    })
  })
}
