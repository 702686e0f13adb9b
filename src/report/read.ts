/**
 * Event files streamed into a report: the `firstparty dev` store (NDJSON), PostHog JSON Lines, PostHog JSON
 * documents (events API pages, `/query` results) and PostHog CSV exports, each optionally gzipped (recognised
 * by its magic bytes, whatever the file name). The format is recognised from the content.
 */
import { isAscii } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'
import { CsvReader } from './csv.js'
import { fromFlat, fromNested } from './record.js'
import type { ReportEvent } from './types.js'

/** A file that cannot be read at all (missing, not an events file, broken gzip): a usage / I/O error. */
// Part of the one error hierarchy (src/errors.ts); exported from here too, where report users find it.
export { ReportInputError } from '../errors.js'
import { ReportInputError } from '../errors.js'

/** Where parsed events go. */
export interface EventSink {
  add(event: ReportEvent): void
  malformed(count?: number): void
}

// A JSON document (not JSON Lines) is parsed whole: PostHog's API pages are small. Past this it is refused.
const MAX_DOCUMENT = 256 * 1024 * 1024

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a directory'
  if (code === 'EACCES') return 'permission denied'
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return 'starts like gzip but does not inflate'
  return error instanceof Error ? error.message : String(error)
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const bytes = Buffer.alloc(2)
    const { bytesRead } = await handle.read(bytes, 0, 2, 0)
    return bytesRead === 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
  } finally {
    await handle.close()
  }
}

/** The text of a file, chunk by chunk, inflated when it is gzip. */
async function* chunks(file: string): AsyncGenerator<string> {
  const gzip = await isGzip(file)
  const raw = createReadStream(file, { highWaterMark: 1 << 22 })
  const stream = gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw
  if (gzip) raw.on('error', (error) => stream.destroy(error))
  const decoder = new StringDecoder('utf8')
  // Event files are mostly ASCII, and latin1 is the fastest way to a string; from the first chunk that is not
  // ASCII on, the UTF-8 decoder takes over (it keeps characters split across chunks whole).
  let ascii = true
  let first = true
  for await (const buffer of stream as AsyncIterable<Buffer>) {
    if (ascii && !isAscii(buffer)) ascii = false
    let text = ascii ? buffer.toString('latin1') : decoder.write(buffer)
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    if (text !== '') yield text
  }
  const rest = decoder.end()
  if (rest !== '') yield rest
}

/** Events of a parsed JSON document: an array of events, `{ results: [...] }` (with `columns` for `/query`), `{ batch: [...] }` or one event. */
function documentEvents(doc: unknown, sink: EventSink): void {
  const list = Array.isArray(doc)
    ? doc
    : isRecord(doc) && Array.isArray(doc.results)
      ? doc.results
      : isRecord(doc) && Array.isArray(doc.batch)
        ? doc.batch
        : [doc]
  const columns = isRecord(doc) && Array.isArray(doc.columns) && doc.columns.every((c) => typeof c === 'string') ? (doc.columns as string[]) : undefined
  for (const item of list) {
    const event = Array.isArray(item) && columns ? fromFlat(Object.fromEntries(columns.map((c, i) => [c, item[i]]))) : fromNested(item)
    if (event) sink.add(event)
    else sink.malformed()
  }
}

function parseLine(line: string, sink: EventSink): void {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    sink.malformed()
    return
  }
  // A whole document on one line (`/query` results, an events API page, a capture batch).
  if (isRecord(value) && value.event === undefined && (Array.isArray(value.results) || Array.isArray(value.batch))) {
    documentEvents(value, sink)
    return
  }
  const event = fromNested(value)
  if (event) sink.add(event)
  else sink.malformed()
}

/** Splits text fed in chunks into lines (LF or CRLF); only the unfinished line is kept. */
class LineSplitter {
  private carry = ''
  push(text: string): string[] {
    const lines = text.split('\n')
    lines[0] = this.carry + (lines[0] as string)
    this.carry = lines.pop() as string
    return lines
  }
  end(): string {
    const rest = this.carry
    this.carry = ''
    return rest
  }
}

/**
 * Stream one file into `sink`. Malformed lines and rows are counted on the sink and skipped.
 * @throws ReportInputError when the file cannot be read or is not an events file at all
 * @example
 * ```ts
 * const builder = new ReportBuilder()
 * await readEventFile('events.ndjson', builder)
 * ```
 */
export async function readEventFile(file: string, sink: EventSink): Promise<void> {
  let mode: 'unknown' | 'lines' | 'document' | 'csv' = 'unknown'
  // A JSON document (or JSON Lines whose first line is broken: decided at the end), kept whole.
  const document: string[] = []
  let documentSize = 0
  let firstLine = true
  const lines = new LineSplitter()
  const csv = new CsvReader()
  let header: string[] | undefined
  const csvRows = (rows: string[][]): void => {
    for (const row of rows) {
      if (!header) {
        header = row.map((h) => h.trim())
        if (!header.some((h) => h === 'event' || h === '*.event'))
          throw new ReportInputError(
            `${file}: not an events file: a CSV export needs an "event" or "*.event" column (PostHog: Activity → Export, or a SQL insight with the event, distinct_id, timestamp and properties columns)`,
          )
        continue
      }
      const record: Record<string, string> = {}
      for (let i = 0; i < header.length && i < row.length; i++) record[header[i] as string] = row[i] as string
      const event = fromFlat(record)
      if (event) sink.add(event)
      else sink.malformed()
    }
  }
  const keep = (text: string): void => {
    documentSize += text.length
    if (documentSize > MAX_DOCUMENT)
      throw new ReportInputError(`${file}: a JSON document over ${MAX_DOCUMENT / 1024 / 1024} MB; export JSON Lines instead (one event per line, streamed)`)
    document.push(text)
  }
  const line = (text: string): void => {
    const trimmed = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text
    if (trimmed.trim() === '') return
    if (firstLine) {
      firstLine = false
      // `{` alone on the first line: a pretty-printed document, not JSON Lines.
      if (!parses(trimmed)) {
        mode = 'document'
        keep(`${text}\n`)
        return
      }
    }
    parseLine(trimmed, sink)
  }
  // A function, so TypeScript does not narrow `mode` across the call to line() that changes it.
  const isDocument = (): boolean => mode === 'document'
  try {
    for await (let text of chunks(file)) {
      if (mode === 'unknown') {
        const start = text.search(/\S/)
        if (start === -1) continue
        text = text.slice(start)
        mode = text[0] === '[' ? 'document' : text[0] === '{' ? 'lines' : 'csv'
      }
      if (mode === 'csv') csvRows(csv.push(text))
      else if (mode === 'document') keep(text)
      else {
        const complete = lines.push(text)
        for (let i = 0; i < complete.length; i++) {
          if (isDocument()) {
            // The first line switched to document mode: the rest of this chunk belongs to it.
            keep(`${complete.slice(i).join('\n')}\n`)
            break
          }
          line(complete[i] as string)
        }
        if (isDocument()) keep(lines.end())
      }
    }
    if (mode === 'csv') csvRows(csv.end())
    else if (mode === 'lines') line(lines.end())
    else if (mode === 'document') {
      const whole = document.join('')
      let doc: unknown
      try {
        doc = JSON.parse(whole)
      } catch {
        // Not one document after all: JSON Lines whose first line is broken.
        for (const text of whole.split('\n')) if (text.trim() !== '') parseLine(text.replace(/\r$/, ''), sink)
        return
      }
      documentEvents(doc, sink)
    }
  } catch (error) {
    if (error instanceof ReportInputError) throw error
    throw new ReportInputError(`cannot read ${file}: ${why(error)}`)
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
