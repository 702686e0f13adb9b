// Real posthog-js in Chromium, through the real proxy, to a PostHog stand-in that fails the first two attempts
// of every batch: posthog-js retries, and every event arrives exactly once.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { decodeBody, extractEvents, type CapturedEvent } from '../../src/server/decode.js'
import { createHandler } from '../../src/server/handler.js'
import { serveNode } from '../../src/server/node.js'
import { launchChromium, visit } from '../helpers/chromium.js'
import { startUpstream, type RecordingUpstream } from './upstream.js'

const dist = fileURLToPath(new URL('../../dist/', import.meta.url))
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>retries</title>
<script src="/firstparty/firstparty.global.js"></script>
<script>
  window.analytics = firstparty.init({ token: 'phc_retry', apiHost: '/ingest' })
  for (let i = 0; i < 5; i++) analytics.track('cta_clicked', { cta: 'retry-' + i })
</script></head><body><p>retries</p></body></html>`

let browser: Browser
let upstream: RecordingUpstream
let site: Server
let siteUrl = ''
const attempts = new Map<string, number>()
const accepted: CapturedEvent[] = []

beforeAll(async () => {
  browser = await launchChromium()
  upstream = await startUpstream((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://upstream')
    if (url.pathname !== '/e/') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    void decodeBody(new Uint8Array(body), url).then((payload) => {
      const events = extractEvents(payload)
      const key = events
        .map((e) => e.uuid)
        .sort()
        .join(',')
      const attempt = (attempts.get(key) ?? 0) + 1
      attempts.set(key, attempt)
      if (attempt <= 2) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('try again')
      accepted.push(...events)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}')
    })
  })
  const proxy = createHandler({ mode: 'proxy', upstream: upstream.url, log: () => {} })
  site = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    if (path.startsWith('/ingest/')) return void serveNode(proxy, req, res)
    if (path.startsWith('/firstparty/')) {
      const file = path.slice('/firstparty/'.length)
      if (!/^[a-z0-9.-]+\.js$/.test(file)) return void res.writeHead(404).end()
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(dist + file))
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
})
afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => site?.close(() => resolve()))
  await upstream?.close()
})

it('delivers every event exactly once when each batch fails twice first', { timeout: 90_000 }, async () => {
  const v = await visit(browser)
  await v.page.goto(siteUrl)
  const tracked = (e: CapturedEvent) => e.event === 'cta_clicked'
  await expect.poll(() => accepted.filter(tracked).length, { timeout: 60_000, interval: 500 }).toBe(5)
  await expect.poll(() => accepted.some((e) => e.event === '$pageview'), { timeout: 30_000 }).toBe(true)
  expect(
    accepted
      .filter(tracked)
      .map((e) => e.properties.cta)
      .sort(),
  ).toEqual(['retry-0', 'retry-1', 'retry-2', 'retry-3', 'retry-4'])
  const uuids = accepted.map((e) => e.uuid)
  expect(new Set(uuids).size).toBe(uuids.length)
  // Every accepted batch was refused twice before: the retries went through the proxy.
  for (const count of attempts.values()) expect(count === 3 || count <= 2).toBe(true)
  expect([...attempts.values()].filter((n) => n === 3).length).toBeGreaterThan(0)
  expect(upstream.requests.some((r) => r.url.includes('retry_count=2'))).toBe(true)
  expect(v.foreign).toEqual([])
  await v.context.close()
})
