// The one progress bar of the Node side (link building, QR codes, live audit pages): one line on stderr,
// redrawn in place, and silent when stderr is not a terminal, so CI logs never fill up with carriage returns.

/** The part of a stream the bar needs (a test can pass a fake terminal). */
export interface ProgressStream {
  isTTY?: boolean
  columns?: number
  write(chunk: string): boolean
}

/** A progress bar: `update` redraws, `done` clears the line. */
export interface Progress {
  update(done: number, total: number, label?: string): void
  done(): void
}

/** Options of {@link progressBar}. */
export interface ProgressOptions {
  /** Where to draw. @default process.stderr */
  stream?: ProgressStream
  /** Draw (`true`) or stay silent (`false`) whatever the stream is. @default whether the stream is a terminal */
  force?: boolean
  /** Runs of at most this many items are instant: no bar. @default 0 */
  quietUpTo?: number
}

const WIDTH = 24

/**
 * Create a progress bar for `unit`s (`pages`, `links`). It redraws only when the percentage or the label
 * changes: writing 10,000 lines to a terminal costs more than building 10,000 links.
 * @example
 * ```ts
 * const bar = progressBar('pages')
 * bar.update(3, 10, 'http://127.0.0.1:4173/pricing')
 * bar.done()
 * ```
 */
export function progressBar(unit: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr
  const enabled = options.force ?? stream.isTTY === true
  if (!enabled) return { update() {}, done() {} }
  let shown = ''
  return {
    update(done, total, label = '') {
      if (total <= (options.quietUpTo ?? 0)) return
      const percent = total > 0 ? Math.floor((done / total) * 100) : 0
      const key = `${percent} ${total} ${label}`
      if (key === shown) return
      shown = key
      const filled = total > 0 ? Math.round((done / total) * WIDTH) : 0
      const line = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} ${unit}${label ? ` ${label}` : ''}`
      stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 100) - 1)}`)
    },
    done() {
      if (shown) stream.write('\r\x1b[2K')
      shown = ''
    },
  }
}
