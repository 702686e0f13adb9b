// Faults between the proxy and PostHog: a hung upstream, a reset, 5xx answers, a visitor who goes away
// mid-body, and a body over the cap. After each, the next request works.
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createHandler } from '../../src/server/handler.js'
import { toNodeListener } from '../../src/server/node.js'
import { rawRequest } from './raw-http.js'
import { answerOk, startUpstream, type RecordingUpstream } from './upstream.js'

let upstream: RecordingUpstream
let server: Server
let port = 0
const logs: string[] = []

beforeAll(async () => {
  upstream = await startUpstream()
  const handler = createHandler({ mode: 'proxy', upstream: upstream.url, timeoutMs: 1500, maxBodyBytes: 64 * 1024, log: (l) => logs.push(l) })
  server = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await upstream.close()
})
beforeEach(() => {
  upstream.behave(answerOk)
})

const capture = () => rawRequest(port, '/ingest/e/', { method: 'POST', body: '{"batch":[{"event":"x"}]}', headers: { 'content-type': 'application/json' } })

async function nextRequestWorks(): Promise<void> {
  upstream.behave(answerOk)
  const response = await capture()
  expect(response.status).toBe(200)
  expect(response.body).toBe('{"status":1}')
}

it('answers 504 when PostHog hangs, and aborts the upstream request', async () => {
  upstream.behave(() => {}) // never answers
  const response = await capture()
  expect(response.status).toBe(504)
  expect(response.body).toContain('did not answer within 1500 ms')
  await expect.poll(() => upstream.requests.at(-1)?.aborted).toBe(true)
  await nextRequestWorks()
})

it('answers 504 when PostHog sends headers and then stalls the body', async () => {
  upstream.behave((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.write('{"sta')
  })
  const response = await capture()
  // Headers were already relayed: the visitor sees the connection cut, not a 200 with half a body.
  expect(response.complete).toBe(false)
  await expect.poll(() => upstream.requests.at(-1)?.aborted).toBe(true)
  await nextRequestWorks()
})

it('answers 502 when PostHog resets the connection', async () => {
  upstream.behave((req) => req.socket.destroy())
  const response = await capture()
  expect(response.status).toBe(502)
  expect(response.body).toContain('could not be reached')
  await nextRequestWorks()
})

it('answers 502 when nothing listens upstream', async () => {
  const closed = createHandler({ mode: 'proxy', upstream: 'http://127.0.0.1:9', log: () => {} })
  const response = await closed(new Request('http://127.0.0.1/ingest/e/', { method: 'POST', body: '{}' }))
  expect(response.status).toBe(502)
  await nextRequestWorks()
})

it.each([500, 502, 503])('passes a %i through, so posthog-js retries the batch', async (status) => {
  upstream.behave((_req, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end('upstream trouble'))
  const response = await capture()
  expect(response.status).toBe(status)
  await nextRequestWorks()
})

it('aborts the upstream request when the visitor disconnects mid-body', async () => {
  const before = upstream.requests.length
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve) => socket.on('connect', resolve))
  socket.write(`POST /ingest/e/ HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: text/plain\r\ncontent-length: 50000\r\n\r\n`)
  socket.write('x'.repeat(10_000))
  // The body streams to the upstream as it arrives, so the upstream request exists before the body ends.
  await expect.poll(() => upstream.requests.length).toBe(before + 1)
  socket.destroy()
  await expect.poll(() => upstream.requests.at(-1)?.aborted).toBe(true)
  await nextRequestWorks()
})

it('enforces the size cap while streaming a chunked body: no upstream request completes', async () => {
  const before = upstream.requests.length
  const socket = connect(port, '127.0.0.1')
  const chunks: Buffer[] = []
  socket.on('data', (c: Buffer) => chunks.push(c))
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  await new Promise<void>((resolve) => socket.on('connect', resolve))
  socket.write(`POST /ingest/s/ HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n`)
  const chunk = 'y'.repeat(16 * 1024)
  for (let i = 0; i < 6 && !socket.destroyed; i++) {
    socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    await new Promise((r) => setTimeout(r, 20))
  }
  if (!socket.destroyed) socket.end('0\r\n\r\n')
  await closed
  expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 413/)
  // Depending on timing the upstream saw the start of the body (then aborted) or nothing at all.
  await expect.poll(() => upstream.requests.slice(before).every((r) => r.aborted)).toBe(true)
  await nextRequestWorks()
})

it('refuses a declared body over the cap before contacting PostHog', async () => {
  const before = upstream.requests.length
  const socket = connect(port, '127.0.0.1')
  const chunks: Buffer[] = []
  socket.on('data', (c: Buffer) => chunks.push(c))
  await new Promise<void>((resolve) => socket.on('connect', resolve))
  socket.write(`POST /ingest/e/ HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 999999\r\nconnection: close\r\n\r\n`)
  await expect.poll(() => Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 413/)
  socket.destroy()
  expect(upstream.requests.length).toBe(before)
  await nextRequestWorks()
})

it('refuses an upstream that is not a bare origin, at start-up, with one clear line', () => {
  for (const bad of [
    '',
    'eu.i.posthog.com',
    'ftp://eu.i.posthog.com',
    'https://user:pw@eu.i.posthog.com',
    'https://eu.i.posthog.com/path',
    'https://eu.i.posthog.com/?x=1',
  ]) {
    expect(() => createHandler({ mode: 'proxy', upstream: bad })).toThrowError(/^createHandler: /)
  }
})
