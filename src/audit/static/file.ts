// Reads one file for the scanners: small files in one read, large ones streamed; strict UTF-8 so
// a mis-encoded or binary file is a clear problem, not a page of garbage findings.
import { isUtf8 } from 'node:buffer'
import { createReadStream, readFileSync, statSync } from 'node:fs'
import type { Finding } from '../types.js'
import { scanHtml } from './html.js'
import { LineIndex } from './lines.js'
import { scanScript } from './script.js'
import { InputError } from '../../errors.js'

/** What kind of text a file holds. */
export type FileKind = 'html' | 'script'

/** One file to scan: its path on disk and the name findings carry. */
export interface FileTask {
  path: string
  page: string
  kind: FileKind
}

/** Findings of one file, or why it could not be scanned. */
export type FileResult = { page: string; findings: Finding[] } | { page: string; problem: string }

/** Above this size a file is streamed in chunks instead of read at once. */
const STREAM_ABOVE = 1 << 20

/** Scan one file; never throws: I/O and encoding errors come back as `problem`. */
export async function scanFile(task: FileTask, allow: readonly string[]): Promise<FileResult> {
  try {
    return { page: task.page, findings: await scan(task, allow) }
  } catch (error) {
    return { page: task.page, problem: describe(error) }
  }
}

async function scan(task: FileTask, allow: readonly string[]): Promise<Finding[]> {
  // Pages are small and the scan is CPU-bound: one synchronous read beats four thread-pool round trips
  // (open, fstat, read, close) per file. Only large HTML is streamed.
  const stat = statSync(task.path)
  if (stat.isDirectory()) throw new InputError('is a directory')
  if (stat.size <= STREAM_ABOVE || task.kind === 'script') {
    const text = decodeWhole(readFileSync(task.path))
    if (task.kind === 'script') {
      const lines = new LineIndex()
      lines.append(text)
      return scanScript(text, { page: task.page, source: 'script file', locate: (o) => lines.position(o), offset: 0, allow })
    }
    const html = scanHtml(task.page, allow)
    html.write(text)
    return html.end()
  }
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const html = scanHtml(task.page, allow)
  let read = 0
  for await (const chunk of createReadStream(task.path, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer
    html.write(decode(decoder, buffer, read, true))
    read += buffer.length
  }
  html.write(decode(decoder, Buffer.alloc(0), read, false))
  return html.end()
}

/** Whole-buffer decode: the native UTF-8 check then a plain toString is ~3× faster than a fatal TextDecoder. */
function decodeWhole(buffer: Buffer): string {
  if (buffer.subarray(0, 8192).includes(0)) throw new InputError('binary file, not HTML or JavaScript')
  if (!isUtf8(buffer)) throw new InputError(`not valid UTF-8 (near byte ${firstInvalid(buffer)}); re-save it as UTF-8`)
  // A BOM is not content: TextDecoder drops it too.
  return buffer.toString('utf8', buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0)
}

function decode(decoder: TextDecoder, buffer: Buffer, at: number, stream: boolean): string {
  // NUL never appears in text files; checking the first 8 KiB catches images, archives, fonts.
  if (at === 0 && buffer.subarray(0, 8192).includes(0)) throw new InputError('binary file, not HTML or JavaScript')
  try {
    return decoder.decode(buffer, { stream })
  } catch {
    throw new InputError(`not valid UTF-8 (near byte ${at + firstInvalid(buffer)}); re-save it as UTF-8`)
  }
}

/** Offset of the first invalid UTF-8 sequence, for the error message. */
function firstInvalid(buffer: Buffer): number {
  let lo = 0
  let hi = buffer.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, mid), { stream: true })
      lo = mid + 1
    } catch {
      hi = mid
    }
  }
  // The decoder fails on the byte that ends the bad sequence; report the lead byte that began it.
  let at = Math.max(0, lo - 1)
  for (let k = 1; k <= 3 && at - k >= 0; k++) {
    const b = buffer[at - k] ?? 0
    if (b >= 0xc0) {
      at -= k
      break
    }
    if (b < 0x80) break
  }
  return at
}

function describe(error: unknown): string {
  if (error instanceof InputError) return error.message
  const e = error as NodeJS.ErrnoException
  switch (e.code) {
    case 'ENOENT':
      return 'no such file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (cannot read it)'
    case 'EISDIR':
      return 'is a directory'
    case 'EMFILE':
      return 'too many open files; retry with fewer --jobs'
    default:
      return e.message ?? String(error)
  }
}
