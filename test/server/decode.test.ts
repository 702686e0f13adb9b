import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeBody, extractEvents, PayloadError } from '../../src/server/decode.js'

const payload = { api_key: 'phc_t', batch: [{ event: 'cta_clicked', properties: { cta: 'hero', city: 'Zürich' } }], sent_at: '2026-11-25T00:00:00Z' }
const text = JSON.stringify(payload)
const bytes = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : s)
const url = (q = ''): URL => new URL(`http://127.0.0.1/ingest/e/${q}`)
const b64 = Buffer.from(text).toString('base64')

describe('decodeBody', () => {
  it.each([
    ['plain JSON', bytes(text), url()],
    ['gzip-js (magic bytes, no header)', bytes(gzipSync(text)), url()],
    ['base64 form body', bytes(`data=${encodeURIComponent(b64)}`), url('?compression=base64')],
    ['form body with JSON', bytes(`data=${encodeURIComponent(text)}`), url()],
    ['raw base64 with ?compression=base64', bytes(b64), url('?compression=base64')],
  ])('reads %s', async (_name, body, at) => {
    expect(await decodeBody(body, at)).toEqual(payload)
  })

  it.each([
    ['empty', bytes(''), /empty body/],
    ['invalid JSON', bytes('{"batch":'), /not valid JSON/],
    ['broken gzip', Uint8Array.from([0x1f, 0x8b, 1, 2, 3]), /does not inflate/],
    ['bad base64', bytes('data=%%%'), /base64|JSON/],
    ['invalid UTF-8', Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), /UTF-8/],
  ])('rejects %s with a PayloadError', async (_name, body, message) => {
    await expect(decodeBody(body, url())).rejects.toThrowError(message)
    await expect(decodeBody(body, url())).rejects.toBeInstanceOf(PayloadError)
  })

  it('caps what a gzip bomb may inflate to', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 32))
    await expect(decodeBody(bomb, url(), 1024 * 1024)).rejects.toMatchObject({ status: 413 })
  })
})

describe('extractEvents', () => {
  it('accepts batches, arrays and single events', () => {
    expect(extractEvents(payload)).toHaveLength(1)
    expect(extractEvents([{ event: 'a' }, { event: 'b', properties: { x: 1 } }]).map((e) => e.event)).toEqual(['a', 'b'])
    expect(extractEvents({ event: 'one' })[0]).toMatchObject({ event: 'one', properties: {} })
  })
  it('rejects events without a name or with non-object properties', () => {
    expect(() => extractEvents({ batch: [{ properties: {} }] })).toThrowError(/event 0 has no "event" name/)
    expect(() => extractEvents([{ event: 'a', properties: 'x' }])).toThrowError(/properties that are not an object/)
  })
})
