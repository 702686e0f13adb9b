// Reads one file for the scanners and sends each part to the right one: markup to the HTML scanner, code to
// the script scanner. Text is decoded as a browser would (BOM, then <meta charset>, then a lossy UTF-8
// decode); a file that needed a fallback is still audited, with a notice.
import { isUtf8 } from 'node:buffer'
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import { basename } from 'node:path'
import { classifyUrl } from '../classify.js'
import type { Finding } from '../types.js'
import { scanCss } from './css.js'
import { resourceFinding, scanHtml } from './html.js'
import { hasMarkup, splitFile, type FileKind } from './kinds.js'
import { LineIndex } from './lines.js'
import { scanPackageJson, scanScript } from './script.js'
import { dependencyHits } from './signals.js'
import { InputError } from '../../errors.js'

export type { FileKind } from './kinds.js'

/** One file to scan: its path on disk and the name findings carry. */
export interface FileTask {
  path: string
  page: string
  kind: FileKind
}

/** Findings of one file (with a notice when it was decoded with a fallback), or why it could not be scanned. */
export type FileResult = { page: string; findings: Finding[]; notice?: string } | { page: string; problem: string }

/** Above this size an HTML file is streamed in chunks instead of read at once. */
const STREAM_ABOVE = 1 << 20

/** Site configs of the frameworks the audit knows: labelled as such in findings. */
const SITE_CONFIG =
  /^(next|nuxt|gatsby-config|gatsby-ssr|gatsby-browser|docusaurus|astro|vite|svelte|remix|vitepress|eleventy|\.eleventy)(\.config)?\.(js|mjs|cjs|ts|mts|cts)$/i

/** Scan one file; never throws: I/O and encoding errors come back as `problem`. */
export async function scanFile(task: FileTask, allow: readonly string[]): Promise<FileResult> {
  try {
    return { page: task.page, ...(await scan(task, allow)) }
  } catch (error) {
    return { page: task.page, problem: describe(error) }
  }
}

/**
 * One buffer per thread that most files fit in: read without an fstat or an allocation per file. Nothing keeps
 * it: decoding copies the text out, and nothing awaits between reading it and decoding it.
 */
const SCRATCH = Buffer.allocUnsafeSlow(1 << 16)

async function scan(task: FileTask, allow: readonly string[]): Promise<{ findings: Finding[]; notice?: string }> {
  // Pages are small and the scan is CPU-bound: synchronous open, read and close beat four thread-pool round
  // trips per file. Only large HTML is streamed. A directory fails the read with EISDIR.
  const fd = openSync(task.path, 'r')
  let buffer: Buffer
  try {
    const first = readFull(fd, SCRATCH)
    if (first < SCRATCH.length) buffer = SCRATCH.subarray(0, first)
    else if (fstatSync(fd).size > STREAM_ABOVE && task.kind === 'html') {
      const streamed = await streamHtml(task, allow)
      if (streamed) return { findings: streamed }
      buffer = readFileSync(task.path)
    } else buffer = Buffer.concat([SCRATCH, readFileSync(fd)])
  } finally {
    closeSync(fd)
  }
  const { text, notice } = decodeText(buffer, task.kind)
  const findings = scanText(text, task.page, task.kind, allow, basename(task.path))
  return notice ? { findings, notice } : { findings }
}

/** Fill `buffer` from `fd` up to the end of the file; returns the bytes read (fewer: the file ended). */
function readFull(fd: number, buffer: Buffer): number {
  let filled = 0
  while (filled < buffer.length) {
    const n = readSync(fd, buffer, filled, buffer.length - filled, null)
    if (n === 0) break
    filled += n
  }
  return filled
}

/**
 * Scan decoded text as a file of `kind`.
 *
 * @example scanText('<script>fbq("init","123456789012345")</script>', 'index.html', 'html', [])
 */
export function scanText(text: string, page: string, kind: FileKind, allow: readonly string[], name = page): Finding[] {
  // Built on the first finding: most files have none, and the HTML scanner keeps its own index.
  let lines: LineIndex | undefined
  const locate = (offset: number): { line: number; column: number } => {
    if (!lines) {
      lines = new LineIndex()
      lines.append(text)
    }
    return lines.position(offset)
  }
  switch (kind) {
    case 'script':
      return scanScript(text, { page, source: SITE_CONFIG.test(name) ? 'site config' : 'script file', locate, offset: 0, allow })
    case 'data':
      return scanScript(text, { page, source: 'data file', locate, offset: 0, allow, data: true })
    case 'package-json':
      return scanPackageJson(page, locate, dependencyHits(text))
    case 'css':
      return scanCss(text, page, locate, allow)
    default: {
      const split = splitFile(text, kind)
      const findings: Finding[] = []
      if (split.markup !== undefined) {
        const html = scanHtml(page, allow)
        html.write(split.markup)
        findings.push(...html.end())
      }
      for (const region of split.code) {
        findings.push(...scanScript(text.slice(region.start, region.end), { page, source: region.source, locate, offset: region.start, allow }))
      }
      for (const image of split.images ?? []) {
        const c = classifyUrl(image.url, allow)
        if (c) findings.push(resourceFinding(c, page, 'Markdown image', locate(image.index), false))
      }
      return findings.sort((a, b) => (a.evidence.line ?? 0) - (b.evidence.line ?? 0) || (a.evidence.column ?? 0) - (b.evidence.column ?? 0))
    }
  }
}

/** Stream a large HTML file; undefined when it turns out not to be UTF-8 (then it is decoded whole). */
async function streamHtml(task: FileTask, allow: readonly string[]): Promise<Finding[] | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const html = scanHtml(task.page, allow)
  let read = 0
  try {
    for await (const chunk of createReadStream(task.path, { highWaterMark: 1 << 20 })) {
      const buffer = chunk as Buffer
      html.write(decode(decoder, buffer, read, true))
      read += buffer.length
    }
    html.write(decode(decoder, Buffer.alloc(0), read, false))
  } catch (error) {
    if (error instanceof NotUtf8) return undefined
    throw error
  }
  return html.end()
}

/**
 * Decode a whole file as a browser would: a BOM decides; else valid UTF-8 is UTF-8; else the `<meta charset>`
 * of a markup file (in its first 1024 bytes); else UTF-8 with replacement characters. Anything but the plain
 * UTF-8 path returns a notice. NUL bytes (images, archives) are a problem: that is not text.
 *
 * @example decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'html').notice // 'not valid UTF-8 (near byte 3): …'
 */
export function decodeText(buffer: Buffer, kind: FileKind): { text: string; notice?: string } {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer) }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer) }
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0
  if (buffer.subarray(0, 8192).includes(0)) throw new InputError('binary file, not text')
  // The native check then a plain toString is ~3× faster than a fatal TextDecoder.
  if (isUtf8(buffer)) return { text: buffer.toString('utf8', bom) }
  const at = firstInvalid(buffer)
  const label = !bom && hasMarkup(kind) ? metaCharset(buffer) : undefined
  if (label) {
    try {
      return { text: new TextDecoder(label).decode(buffer), notice: `not valid UTF-8 (near byte ${at}): decoded as ${label}, as its <meta charset> says` }
    } catch {
      // An encoding label Node does not know: fall through to the lossy decode.
    }
  }
  return {
    text: new TextDecoder('utf-8').decode(buffer),
    notice: `not valid UTF-8 (near byte ${at}): decoded with replacement characters (U+FFFD), as a browser would`,
  }
}

/** The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024 bytes declares (the HTML prescan). */
function metaCharset(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, 1024).toString('latin1')
  const label = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head)?.[1]?.toLowerCase()
  return label && label !== 'utf-8' && label !== 'utf8' ? label : undefined
}

class NotUtf8 extends Error {}

function decode(decoder: TextDecoder, buffer: Buffer, at: number, stream: boolean): string {
  // NUL never appears in text files; checking the first 8 KiB catches images, archives, fonts.
  if (at === 0 && buffer.subarray(0, 8192).includes(0)) throw new InputError('binary file, not text')
  try {
    return decoder.decode(buffer, { stream })
  } catch {
    throw new NotUtf8()
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
