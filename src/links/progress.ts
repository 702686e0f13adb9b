/** The part of a stream progress needs (so tests can pass a fake TTY). */
export interface ProgressStream {
  isTTY?: boolean
  write(chunk: string): boolean
}

/** Below this many items a run is instant: no progress line. */
export const PROGRESS_THRESHOLD = 1000

/**
 * A progress reporter for long runs: rewrites one line on `stream` (stderr) when it is a terminal and
 * there are more than {@link PROGRESS_THRESHOLD} items; otherwise does nothing, so pipes and CI logs stay clean.
 * Returns `tick(done)` and `end()`.
 * @example
 * ```ts
 * const p = progress('links', total, process.stderr)
 * for (let i = 0; i < total; i++) p.tick(i + 1)
 * p.end()
 * ```
 */
export function progress(label: string, total: number, stream: ProgressStream): { tick: (done: number) => void; end: () => void } {
  if (!stream.isTTY || total <= PROGRESS_THRESHOLD) return { tick: () => {}, end: () => {} }
  let shown = -1
  const tick = (done: number): void => {
    const percent = Math.floor((done / total) * 100)
    // Redraw only when the percentage changes: writing 10,000 lines to a terminal costs more than the work.
    if (percent === shown) return
    shown = percent
    stream.write(`\r${label} ${done}/${total} (${percent}%)`)
  }
  return { tick, end: () => void (shown >= 0 && stream.write('\r\x1b[K')) }
}
