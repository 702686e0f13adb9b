// Local servers and tracker fixtures for the live audit tests: pages on 127.0.0.1, tracker hosts
// routed to local stand-ins. Nothing reaches the internet: unknown hosts are aborted and recorded.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { FIXTURES } from './helpers.js'

const LIVE = `${FIXTURES}/live`

/** Tracker URLs served from local files; images (pixels, collect hits) get a 1×1 GIF. */
const SCRIPTS: [RegExp, string][] = [
  [/^https:\/\/www\.googletagmanager\.com\/gtag\/js/, 'gtag.js'],
  [/^https:\/\/www\.googletagmanager\.com\/gtm\.js/, 'gtm.js'],
  [/^https:\/\/connect\.facebook\.net\/.*\/fbevents\.js/, 'fbevents.js'],
  [/^https:\/\/widgets\.acme-widgets\.example\/widget\.js/, 'widget.js'],
]
const GIF = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64')

/** Every routed request, and those that matched no fixture. */
export interface TrackerHits {
  routed: string[]
  unknown: string[]
}

/** A `setupContext` that answers tracker hosts from fixtures and aborts anything else off 127.0.0.1. */
export function routeTrackers(hits: TrackerHits): (context: BrowserContext) => Promise<void> {
  return async (context) => {
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      async (route) => {
        const url = route.request().url()
        hits.routed.push(url)
        const script = SCRIPTS.find(([re]) => re.test(url))
        if (script) return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(join(LIVE, script[1])) })
        if (/google-analytics\.com\/g\/collect|facebook\.com\/tr/.test(url)) return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF })
        hits.unknown.push(url)
        return route.abort('blockedbyclient')
      },
    )
  }
}

/** A local site: the live fixtures, a sitemap, and misbehaving routes (/500, /loop, /hang). */
export interface LocalSite {
  url: string
  /** Paths requested so far. */
  paths: string[]
  close(): Promise<void>
}

export async function startSite(): Promise<LocalSite> {
  const root = join(LIVE, 'site')
  const paths: string[] = []
  let origin = ''
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    paths.push(path)
    if (path === '/500') return void res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>')
    if (path === '/loop') return void res.writeHead(302, { location: '/loop' }).end()
    if (path === '/hang') return // never answers
    const file = normalize(join(root, path))
    if (!file.startsWith(root)) return void res.writeHead(403).end()
    try {
      let body = readFileSync(file)
      if (path === '/sitemap.xml') body = Buffer.from(body.toString().replaceAll('{origin}', origin))
      const type = { '.html': 'text/html; charset=utf-8', '.xml': 'application/xml' }[extname(file)] ?? 'text/plain'
      res.writeHead(200, { 'content-type': type }).end(body)
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: origin,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port nothing listens on: bind, read the port, close. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
