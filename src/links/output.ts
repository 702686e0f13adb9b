import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { render, type Format, type OutputLink } from './formats.js'
import { qrFileName, qrSvg } from './qr.js'
import type { BuiltLink } from './types.js'

/** Options of {@link writeLinks}. */
export interface WriteOptions {
  /** Directory written to (created if missing). */
  out: string
  formats: readonly Format[]
  /** Also write one SVG QR code per link under `<out>/qr/`. */
  qr?: boolean
  /** Called after each QR code. */
  onQr?: (done: number, total: number) => void
}

/**
 * Write links as `links.<format>` files (and QR codes) into a directory. Returns the paths written.
 * @example
 * ```ts
 * await writeLinks(buildLinks(registry), { out: 'links', formats: ['csv', 'md'], qr: true })
 * ```
 */
export async function writeLinks(links: readonly BuiltLink[], options: WriteOptions): Promise<string[]> {
  await mkdir(options.out, { recursive: true })
  const written: string[] = []
  let rows: OutputLink[] = [...links]
  if (options.qr) {
    await mkdir(join(options.out, 'qr'), { recursive: true })
    const used = new Map<string, number>()
    rows = []
    for (const link of links) {
      // Two creators whose ids normalize alike still get two files.
      let name = qrFileName(link)
      const n = used.get(name) ?? 0
      used.set(name, n + 1)
      if (n > 0) name = name.replace(/\.svg$/, `-${n + 1}.svg`)
      const path = join(options.out, 'qr', name)
      await writeFile(path, await qrSvg(link.url))
      written.push(path)
      rows.push({ ...link, qr: `qr/${name}` })
      options.onQr?.(rows.length, links.length)
    }
  }
  for (const format of options.formats) {
    const path = join(options.out, `links.${format}`)
    await writeFile(path, render(format, rows))
    written.push(path)
  }
  return written
}
