import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { PREFIX } from '../errors.js'
import { rememberSocketAddress } from './client-ip.js'
import { PayloadError } from './decode.js'
import type { Handler } from './handler.js'
import { rawTargetPath } from './path.js'

/** A Host header that is a host name or IP literal with an optional port; anything else is not used. */
const HOST = /^([A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/

/**
 * Forms of a raw path that a URL parser would rewrite into another path (`%2e%2e` into `..` and then away,
 * `\` into `/`), or that no posthog-js path has. Checked before the target becomes a URL, so what the handler
 * sees is what the visitor sent.
 */
const REWRITTEN_BY_PARSERS = /\/\/|\\|%(2e|2f|5c|00)|(^|\/)\.{1,2}(\/|$)|[\u0000-\u001f\u007f-\uffff]/i

/**
 * Build a fetch `Request` from a Node request. The URL is the request's own host (when it is a plain host
 * name) plus the raw path: the target is cut, never resolved, so `//other-host/…` or `http://other-host/…`
 * cannot choose the host. Throws `PayloadError` (400) for a target that is not a path.
 */
export function toRequest(req: IncomingMessage, origin?: string, signal?: AbortSignal): Request {
  const path = rawTargetPath(req.url ?? '/')
  if (path === undefined) throw new PayloadError('request target is not a path', 400)
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : '127.0.0.1'
  const base = origin ?? `http://${host}`
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const search = (req.url ?? '').slice(path.length)
  const request = new Request(`${base}${path}${search.startsWith('?') ? search.replace(/#.*$/, '') : ''}`, {
    method: req.method ?? 'GET',
    headers,
    ...(signal ? { signal } : {}),
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit)
  rememberSocketAddress(request, req.socket.remoteAddress)
  return request
}

/** Write a fetch `Response` to a Node response; stops reading it when the visitor goes away. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  const stop = () => void reader.cancel().catch(() => {})
  res.once('close', stop)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve))
      if (res.destroyed) break
    }
  } catch {
    // The upstream body failed mid-way (timeout, reset): cut the connection so the client sees it broke.
    res.destroy()
    return
  } finally {
    res.off('close', stop)
  }
  res.end()
}

/**
 * Serve one Node request with a fetch-standard handler: raw-target checks, the socket address as the
 * client IP, and an abort signal that fires when the visitor disconnects before the answer is sent.
 */
export function serveNode(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawPath = rawTargetPath(req.url ?? '/')
  if (rawPath === undefined || REWRITTEN_BY_PARSERS.test(rawPath)) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'path not allowed' }))
    return Promise.resolve()
  }
  const socket = req.socket
  const disconnected = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) disconnected.abort(new Error('the visitor disconnected'))
  })
  let request: Request
  try {
    request = toRequest(req, undefined, disconnected.signal)
  } catch (error) {
    const status = error instanceof PayloadError ? error.status : 400
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message }))
    return Promise.resolve()
  }
  return handler(request).then(
    async (response) => {
      await sendResponse(res, response)
      // Answered before the body ended (a 413, a refusal): close rather than wait for a body nobody reads.
      if (!req.complete) socket.destroySoon()
    },
    (error: unknown) => {
      console.error(`${PREFIX} handler failed: ${(error as Error).message}`)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    },
  )
}

/**
 * Adapt a fetch-standard handler to `http.createServer` / Express / Connect. The client IP is the socket's
 * peer address (see `clientIp` in `createHandler` when a load balancer sits in front).
 * @example
 * ```ts
 * http.createServer(toNodeListener(createHandler({ mode: 'proxy', upstream: 'https://eu.i.posthog.com' })))
 * ```
 */
export function toNodeListener(handler: Handler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void serveNode(handler, req, res)
}
