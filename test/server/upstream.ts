// A local stand-in for PostHog: records every request it gets (method, path, headers, body, whether the
// client went away) and answers as the test tells it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
  /** The proxy aborted the request before its body ended or before the answer was sent. */
  aborted: boolean
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

export interface RecordingUpstream {
  url: string
  requests: Recorded[]
  behave(next: Behaviour): void
  close(): Promise<void>
}

export const answerOk: Behaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}')
}

export async function startUpstream(behaviour: Behaviour = answerOk): Promise<RecordingUpstream> {
  let current = behaviour
  const requests: Recorded[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    const record: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.alloc(0), aborted: false }
    requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true
    })
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('aborted', () => (record.aborted = true))
    req.on('error', () => (record.aborted = true))
    req.on('end', () => {
      record.body = Buffer.concat(chunks)
      current(req, res, record.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    behave: (next) => {
      current = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
