// The proxy reaches PostHog and nothing else: every hostile path is a 404 with no upstream request, through
// each way a site deploys the handler, and a property that the fetched URL's origin is always the configured one.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHandler, type Handler } from '../../src/server/handler.js'
import { toNodeListener } from '../../src/server/node.js'
import { HOSTILE_PATHS, RAW_ONLY_PATHS } from './hostile-paths.js'
import { rawRequest } from './raw-http.js'
import { startUpstream, type RecordingUpstream } from './upstream.js'

let upstream: RecordingUpstream
let assets: RecordingUpstream
let handler: Handler
let listener: Server
let port = 0
let nextRoute: { GET: Handler; POST: Handler }

beforeAll(async () => {
  upstream = await startUpstream()
  assets = await startUpstream()
  handler = createHandler({ mode: 'proxy', upstream: upstream.url, assetsUpstream: assets.url, log: () => {} })
  listener = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
  port = (listener.address() as AddressInfo).port
  // The Next.js example's route handler, as `next start` runs it: POSTHOG_HOST points it at the local upstream.
  process.env.POSTHOG_HOST = upstream.url
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  nextRoute = (await import('../../examples/nextjs/app/ingest/[...path]/route.js')) as unknown as { GET: Handler; POST: Handler }
})
afterAll(async () => {
  delete process.env.POSTHOG_HOST
  await new Promise<void>((resolve) => listener.close(() => resolve()))
  await upstream.close()
  await assets.close()
})

const upstreamRequests = () => upstream.requests.length + assets.requests.length

it('the catalogue has at least 30 hostile paths across every class', () => {
  expect(HOSTILE_PATHS.length).toBeGreaterThanOrEqual(30)
  expect(new Set(HOSTILE_PATHS.map((p) => p.path)).size).toBe(HOSTILE_PATHS.length)
})

describe.each([
  ['the fetch handler', (path: string, method: string) => handler(new Request(`http://127.0.0.1${path}`, method === 'POST' ? { method, body: '{}' } : {}))],
  [
    'the Next.js example route',
    (path: string, method: string) =>
      (method === 'POST' ? nextRoute.POST : nextRoute.GET)(new Request(`http://127.0.0.1${path}`, method === 'POST' ? { method, body: '{}' } : {})),
  ],
])('%s', (_name, send) => {
  it.each(
    HOSTILE_PATHS.flatMap((p) => [
      { ...p, method: 'GET' },
      { ...p, method: 'POST' },
    ]),
  )('refuses $method $path ($why) with 404 and no upstream request', async ({ path, method }) => {
    const before = upstreamRequests()
    const response = await send(path, method)
    expect(response.status).toBe(404)
    expect(upstreamRequests()).toBe(before)
  })
})

describe('toNodeListener over a real socket', () => {
  it.each(
    [...HOSTILE_PATHS, ...RAW_ONLY_PATHS].flatMap((p) => [
      { ...p, method: 'GET' },
      { ...p, method: 'POST' },
    ]),
  )('refuses $method $path ($why) with 404 and no upstream request', async ({ path, method }) => {
    const before = upstreamRequests()
    const response = await rawRequest(port, path, method === 'POST' ? { method, body: '{}', headers: { 'content-type': 'application/json' } } : { method })
    expect(response.status).toBe(404)
    expect(upstreamRequests()).toBe(before)
  })

  it('still forwards the real posthog-js routes, to the right host', async () => {
    const capture = await rawRequest(port, '/ingest/e/?compression=base64', {
      method: 'POST',
      body: 'data=e30=',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(capture.status).toBe(200)
    expect(upstream.requests.at(-1)?.url).toBe('/e/?compression=base64')
    const config = await rawRequest(port, '/ingest/array/phc_abc123/config.js')
    expect(config.status).toBe(200)
    expect(assets.requests.at(-1)?.url).toBe('/array/phc_abc123/config.js')
    const recorder = await rawRequest(port, '/ingest/static/1.449.2/lazy-recorder.js')
    expect(recorder.status).toBe(200)
    expect(assets.requests.at(-1)?.url).toBe('/static/1.449.2/lazy-recorder.js')
  })
})

describe('what the proxy fetches', () => {
  // Fragments of paths that have broken proxies: hosts, separators, encodings, dot segments, userinfo.
  const fragment = fc.oneof(
    fc.constantFrom(
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '%2e',
      '%2E',
      '%00',
      '%0d%0a',
      '@',
      ':',
      '?',
      '#',
      ';',
      '%',
      '%25',
      'evil.example',
      '127.0.0.1',
      '[::1]',
      '169.254.169.254',
      'http:',
      'e',
      'i',
      'v0',
      's',
      'flags',
      'decide',
      'array',
      'phc_x',
      'config',
      'config.js',
      'static',
      'x.js',
      'api',
      'surveys',
      'ingest',
    ),
    fc.string({ maxLength: 8 }),
  )
  const pathArb = fc.array(fragment, { maxLength: 12 }).map((parts) => `/ingest${parts.join('')}`)

  it('always has exactly the configured origin, whatever the path', async () => {
    const fetched: URL[] = []
    const spy = createHandler({
      mode: 'proxy',
      upstream: 'https://eu.i.posthog.com',
      log: () => {},
      fetch: (input) => {
        fetched.push(new URL(String(input)))
        return Promise.resolve(new Response('{}', { status: 200 }))
      },
    })
    await fc.assert(
      fc.asyncProperty(pathArb, fc.constantFrom('GET', 'POST'), async (path, method) => {
        let request: Request
        try {
          request = new Request(`http://127.0.0.1${path}`, method === 'POST' ? { method, body: '{}' } : {})
        } catch {
          return // not a URL at all: no platform would call the handler with it
        }
        fetched.length = 0
        await spy(request)
        for (const url of fetched) {
          expect(['https://eu.i.posthog.com', 'https://eu-assets.i.posthog.com']).toContain(url.origin)
          expect(url.username + url.password).toBe('')
        }
      }),
      { numRuns: 2000 },
    )
  })
})
