import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { Handler } from './handler.js'

/** Build a fetch `Request` from a Node request. */
export function toRequest(req: IncomingMessage, origin = `http://${req.headers.host ?? '127.0.0.1'}`): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  if (!headers.has('x-forwarded-for') && req.socket.remoteAddress) headers.set('x-forwarded-for', req.socket.remoteAddress)
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit)
}

/** Write a fetch `Response` to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  if (!response.body) {
    res.end()
    return
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk)
  res.end()
}

/**
 * Adapt a fetch-standard handler to `http.createServer` / Express / Connect.
 * @example
 * ```ts
 * http.createServer(toNodeListener(createHandler({ mode: 'proxy', upstream: 'https://eu.i.posthog.com' })))
 * ```
 */
export function toNodeListener(handler: Handler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(toRequest(req)).then(
      (response) => sendResponse(res, response),
      (error: unknown) => {
        console.error(`[firstparty] handler failed: ${(error as Error).message}`)
        if (!res.headersSent) res.statusCode = 500
        res.end()
      },
    )
  }
}
