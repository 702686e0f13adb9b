import { readCapped } from './read.js'

/** One captured event as posthog-js sends it. */
export interface CapturedEvent {
  event: string
  properties: Record<string, unknown>
  timestamp?: string
  uuid?: string
  $set?: Record<string, unknown>
  $set_once?: Record<string, unknown>
  [key: string]: unknown
}

// A payload that cannot be read: the shared error hierarchy's PayloadError (`status` is what the sink answers).
import { PayloadError } from '../errors.js'
export { PayloadError }

const decoder = new TextDecoder('utf-8', { fatal: true })

function utf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw new PayloadError('body is not valid UTF-8')
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new PayloadError('body is not valid JSON')
  }
}

function fromBase64(text: string): string {
  const clean = text.trim().replace(/-/g, '+').replace(/_/g, '/')
  let binary: string
  try {
    binary = atob(clean)
  } catch {
    throw new PayloadError('data= is not valid base64')
  }
  return utf8(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

/** Inflate gzip with the web-standard DecompressionStream (Node, Workers, Deno, Bun), capped at `max` bytes. */
async function gunzip(body: Uint8Array, max: number): Promise<Uint8Array> {
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))
  try {
    return await readCapped(stream, max, () => new PayloadError(`gzip body inflates past ${max} bytes`, 413))
  } catch (error) {
    if (error instanceof PayloadError) throw error
    throw new PayloadError('body starts like gzip but does not inflate')
  }
}

/**
 * Turn a posthog-js request body into JSON, whatever the encoding it chose: gzip-js (detected by the
 * gzip magic bytes, posthog-js sends no header for it), `data=` form bodies with base64 or plain JSON,
 * `?compression=base64`, or plain JSON under any content type (`text/plain` from `sendBeacon`).
 */
export async function decodeBody(body: Uint8Array, url: URL, maxInflated = 16 * 1024 * 1024): Promise<unknown> {
  if (body.length === 0) throw new PayloadError('empty body')
  if (body[0] === 0x1f && body[1] === 0x8b) return parseJson(utf8(await gunzip(body, maxInflated)))
  const text = utf8(body)
  if (text.startsWith('data=')) {
    const raw = new URLSearchParams(text).get('data') ?? ''
    const base64 = url.searchParams.get('compression') === 'base64' || !/^\s*[[{]/.test(raw)
    return parseJson(base64 ? fromBase64(raw) : raw)
  }
  if (url.searchParams.get('compression') === 'base64') return parseJson(fromBase64(text))
  return parseJson(text)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The events inside a decoded capture payload: `{batch:[…]}`, `{data:[…]}`, a bare array or one event.
 * Each must have a string `event`; `properties` defaults to `{}`.
 */
export function extractEvents(payload: unknown): CapturedEvent[] {
  const list: unknown[] = Array.isArray(payload)
    ? payload
    : isRecord(payload) && Array.isArray(payload.batch)
      ? payload.batch
      : isRecord(payload) && Array.isArray(payload.data)
        ? payload.data
        : [payload]
  return list.map((item, i) => {
    if (!isRecord(item) || typeof item.event !== 'string' || item.event === '') {
      throw new PayloadError(`event ${i} has no "event" name`)
    }
    const properties = isRecord(item.properties) ? item.properties : {}
    if (item.properties !== undefined && !isRecord(item.properties)) {
      throw new PayloadError(`event ${i} ("${item.event}") has properties that are not an object`)
    }
    return { ...item, event: item.event, properties } as CapturedEvent
  })
}
