import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandler } from '../../src/server/handler.js'
import { assetsHostFor } from '../../src/server/proxy.js'
import type { CapturedEvent } from '../../src/server/decode.js'

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}): Request =>
  new Request(`http://127.0.0.1${path}`, { method: 'POST', body, headers })

describe('sink mode', () => {
  const received: CapturedEvent[] = []
  const logs: string[] = []
  const handler = createHandler({ onEvent: (e) => void received.push(e), log: (l) => logs.push(l) })

  it('stores every event of a gzip batch and answers exactly 200', async () => {
    const body = gzipSync(JSON.stringify({ api_key: 't', batch: [{ event: 'a' }, { event: 'b' }] }))
    const res = await handler(post('/ingest/e/', body, { 'content-type': 'text/plain' }))
    expect(res.status).toBe(200)
    expect(received.splice(0).map((e) => e.event)).toEqual(['a', 'b'])
  })

  it('answers flags and remote config so posthog-js is happy', async () => {
    const flags = await handler(post('/ingest/flags/?v=2', '{}'))
    expect(await flags.json()).toMatchObject({ flags: {} })
    const config = await handler(new Request('http://127.0.0.1/ingest/array/phc_t/config'))
    expect(await config.json()).toMatchObject({ supportedCompression: ['gzip-js', 'base64'] })
    const js = await (await handler(new Request('http://127.0.0.1/ingest/array/phc_t/config.js'))).text()
    expect(js).toContain('window._POSTHOG_REMOTE_CONFIG["phc_t"]')
  })

  it.each([
    ['invalid JSON', post('/ingest/e/', '{nope'), 400, /not valid JSON/],
    ['wrong compression', post('/ingest/e/?compression=base64', 'data=***'), 400, /base64/],
    ['an unknown path', post('/ingest/nope', '{}'), 404, /unknown ingest path/],
    ['a GET on capture', new Request('http://127.0.0.1/ingest/e/'), 405, /takes POST/],
    ['a body over 1 MB', post('/ingest/e/', 'x'.repeat(1024 * 1024 + 1)), 413, /over the 1048576-byte limit/],
  ])('rejects %s with a clear 4xx and a log line', async (_name, request, status, message) => {
    const res = await handler(request)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: string }).error).toMatch(message)
    expect(logs.at(-1)).toMatch(message)
  })

  it('keeps working after bad input: no other event is lost', async () => {
    await handler(post('/ingest/e/', '{bad'))
    const res = await handler(post('/ingest/e/', JSON.stringify({ batch: [{ event: 'after' }] })))
    expect(res.status).toBe(200)
    expect(received.splice(0).map((e) => e.event)).toEqual(['after'])
  })

  it('a failing store answers 500 for that request only', async () => {
    const h = createHandler({ onEvent: () => Promise.reject(new Error('disk full')), log: () => {} })
    const res = await h(post('/ingest/e/', '{"event":"x"}'))
    expect(res.status).toBe(500)
  })
})

describe('proxy mode', () => {
  const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string; host: string }> = []
  let upstream = ''
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body, host: req.headers.host ?? '' })
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'ph=1' }).end('{"status":1}')
    })
  })
  beforeAll(
    () => new Promise<void>((r) => server.listen(0, '127.0.0.1', () => ((upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`), r()))),
  )
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('forwards to PostHog with the visitor IP and without the site cookies', async () => {
    const handler = createHandler({ mode: 'proxy', upstream, clientIp: 'cloudflare' })
    const res = await handler(
      post('/ingest/e/?compression=base64', 'data=abc', { 'cf-connecting-ip': '203.0.113.7', 'x-forwarded-for': '10.0.0.1', cookie: 'session=secret' }),
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
    const hit = seen.at(-1)!
    expect(hit.url).toBe('/e/?compression=base64')
    expect(hit.body).toBe('data=abc')
    expect(hit.headers['x-forwarded-for']).toBe('203.0.113.7')
    expect(hit.headers.cookie).toBeUndefined()
  })

  it('routes assets and remote config to the assets host', async () => {
    const handler = createHandler({ mode: 'proxy', upstream: 'https://eu.i.posthog.com', assetsUpstream: upstream, fetch: (u, i) => fetch(u, i) })
    await handler(new Request('http://127.0.0.1/ingest/array/phc_t/config'))
    expect(seen.at(-1)!.url).toBe('/array/phc_t/config')
    expect(assetsHostFor('https://us.i.posthog.com')).toBe('https://us-assets.i.posthog.com')
  })

  it('answers 502 when PostHog cannot be reached', async () => {
    const handler = createHandler({ mode: 'proxy', upstream: 'http://127.0.0.1:9', log: () => {} })
    expect((await handler(post('/ingest/e/', '{}'))).status).toBe(502)
  })

  it('refuses to start without an upstream', () => {
    expect(() => createHandler({ mode: 'proxy', upstream: '' })).toThrowError(/needs "upstream"/)
  })
})
