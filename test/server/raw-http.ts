// Raw HTTP/1.1 over a socket: the request target goes out byte for byte, as an attacker would send it,
// with no client-side URL normalisation.
import { connect } from 'node:net'

export interface RawResponse {
  status: number
  head: string
  body: string
  /** A chunked body that ended with its last chunk (false: the connection was cut mid-body). */
  complete: boolean
}

export function rawRequest(
  port: number,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...options.headers }
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body))
    const head = `${options.method ?? 'GET'} ${target} HTTP/1.1\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`
    socket.on('connect', () => socket.write(head + (options.body ?? '')))
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      const [headPart = '', ...rest] = text.split('\r\n\r\n')
      const raw = rest.join('\r\n\r\n')
      const chunked = /transfer-encoding: chunked/i.test(headPart)
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headPart)?.[1] ?? 0),
        head: headPart,
        body: chunked ? unchunk(raw) : raw,
        complete: !chunked || raw.endsWith('0\r\n\r\n'),
      })
    })
  })
}

/** The payload of a chunked body; a body cut short keeps what arrived. */
function unchunk(raw: string): string {
  let out = ''
  let at = 0
  for (;;) {
    const end = raw.indexOf('\r\n', at)
    if (end === -1) return out
    const size = Number.parseInt(raw.slice(at, end), 16)
    if (!(size > 0)) return out
    out += raw.slice(end + 2, end + 2 + size)
    at = end + 2 + size + 2
  }
}
