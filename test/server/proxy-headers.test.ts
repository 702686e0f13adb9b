// What reaches PostHog and what reaches the visitor: allowlisted headers only, the visitor's IP from a source
// the visitor cannot write, and never a cookie either way.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandler } from '../../src/server/handler.js'
import { cleanIp } from '../../src/server/client-ip.js'
import { toNodeListener } from '../../src/server/node.js'
import { rawRequest } from './raw-http.js'
import { startUpstream, type RecordingUpstream } from './upstream.js'

const VISITOR_HEADERS = {
  'content-type': 'text/plain',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
  accept: '*/*',
  'accept-language': 'de-CH,de;q=0.9',
  origin: 'https://acme.dev',
  referer: 'https://acme.dev/pricing',
  'x-posthog-session-id': '0190-session',
  cookie: 'session=secret; ph_phc_x_posthog=abc',
  authorization: 'Bearer site-secret',
  'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
  'x-forwarded-for': '6.6.6.6',
  'x-real-ip': '6.6.6.6',
  forwarded: 'for=6.6.6.6',
  'x-forwarded-host': 'evil.example',
  'x-api-key': 'site-internal',
  'x-custom-debug': '1',
  'cf-connecting-ip': '6.6.6.6',
}
const FORWARDED = ['content-type', 'user-agent', 'accept', 'accept-language', 'origin', 'referer', 'x-posthog-session-id']

let upstream: RecordingUpstream
let server: Server
let port = 0

beforeAll(async () => {
  upstream = await startUpstream((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'set-cookie': ['ph_session=1; Path=/', 'tracker=2; Domain=.acme.dev'],
      location: 'https://evil.example/',
      server: 'envoy',
      'x-powered-by': 'posthog',
      'cache-control': 'no-store',
      'access-control-allow-origin': 'https://acme.dev',
    })
    res.end('{"status":1}')
  })
  server = createServer(toNodeListener(createHandler({ mode: 'proxy', upstream: upstream.url, log: () => {} })))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await upstream.close()
})

describe('toNodeListener', () => {
  it('forwards the allowlist, strips credentials and visitor-set X-*, and sets X-Forwarded-For to the socket peer', async () => {
    const response = await rawRequest(port, '/ingest/e/', { method: 'POST', body: '{"batch":[]}', headers: VISITOR_HEADERS })
    expect(response.status).toBe(200)
    const hit = upstream.requests.at(-1)!
    for (const name of FORWARDED) expect(hit.headers[name], name).toBe(VISITOR_HEADERS[name as keyof typeof VISITOR_HEADERS])
    for (const name of [
      'cookie',
      'authorization',
      'proxy-authorization',
      'x-real-ip',
      'forwarded',
      'x-forwarded-host',
      'x-api-key',
      'x-custom-debug',
      'cf-connecting-ip',
    ]) {
      expect(hit.headers[name], name).toBeUndefined()
    }
    expect(hit.headers['x-forwarded-for']).toBe('127.0.0.1')
    expect(hit.headers.host).toBe(new URL(upstream.url).host)
    const allowed = new Set([...FORWARDED, 'x-forwarded-for', 'host', 'connection', 'content-length', 'transfer-encoding', 'accept-encoding', 'sec-fetch-mode'])
    expect(Object.keys(hit.headers).filter((h) => !allowed.has(h))).toEqual([])
  })

  it('answers the visitor without Set-Cookie, Location or server fingerprints', async () => {
    const response = await rawRequest(port, '/ingest/e/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    const head = response.head.toLowerCase()
    expect(head).not.toContain('set-cookie')
    expect(head).not.toContain('location:')
    expect(head).not.toContain('x-powered-by')
    expect(head).not.toContain('envoy')
    expect(head).toContain('cache-control: no-store')
    expect(head).toContain('access-control-allow-origin: https://acme.dev')
  })
})

describe('the client IP', () => {
  const send = (options: Parameters<typeof createHandler>[0], headers: Record<string, string>) =>
    createHandler(options)(new Request('http://127.0.0.1/ingest/e/', { method: 'POST', body: '{}', headers }))

  it('is not taken from a visitor-set X-Forwarded-For when no trusted source is known', async () => {
    await send({ mode: 'proxy', upstream: upstream.url }, { 'x-forwarded-for': '6.6.6.6' })
    expect(upstream.requests.at(-1)!.headers['x-forwarded-for']).toBeUndefined()
  })

  it.each([
    ['cloudflare', { 'cf-connecting-ip': '203.0.113.7' }],
    ['vercel', { 'x-vercel-forwarded-for': '203.0.113.8' }],
    ['netlify', { 'x-nf-client-connection-ip': '2001:db8::1' }],
  ] as const)('comes from the platform header on %s', async (platform, headers) => {
    await send({ mode: 'proxy', upstream: upstream.url, clientIp: platform }, { ...headers, 'x-forwarded-for': '6.6.6.6' })
    expect(upstream.requests.at(-1)!.headers['x-forwarded-for']).toBe(Object.values(headers)[0])
    expect(upstream.requests.at(-1)!.headers[Object.keys(headers)[0]!]).toBeUndefined()
  })

  it('comes from the clientIp function when given, and only if it is an IP literal', async () => {
    await send({ mode: 'proxy', upstream: upstream.url, clientIp: (r) => r.headers.get('x-lb-client') ?? undefined }, { 'x-lb-client': '198.51.100.4' })
    expect(upstream.requests.at(-1)!.headers['x-forwarded-for']).toBe('198.51.100.4')
    await send({ mode: 'proxy', upstream: upstream.url, clientIp: () => 'evil\r\nx: 1' }, {})
    expect(upstream.requests.at(-1)!.headers['x-forwarded-for']).toBeUndefined()
  })

  it.each(['', 'x', '1.2.3', '256.1.1.1', '1.2.3.4\r\nHost: evil', 'evil.example', '::g', '<script>'])('rejects %j as an IP', (value) => {
    expect(cleanIp(value)).toBeUndefined()
  })
})
