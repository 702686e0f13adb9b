// A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal
// (CI logs would fill up with carriage returns).

/** A progress bar; `update` redraws, `done` clears the line. */
export interface Progress {
  update(done: number, total: number, label?: string): void
  done(): void
}

/**
 * Create a progress bar writing to `stream` (default stderr) when it is a TTY or `force` is set.
 *
 * @example const bar = progressBar('pages'); bar.update(3, 10, url); bar.done()
 */
export function progressBar(unit: string, options: { stream?: NodeJS.WriteStream; force?: boolean } = {}): Progress {
  const stream = options.stream ?? process.stderr
  const enabled = options.force ?? stream.isTTY === true
  if (!enabled) return { update() {}, done() {} }
  let last = ''
  return {
    update(done, total, label = '') {
      const width = 24
      const filled = total > 0 ? Math.round((done / total) * width) : 0
      const columns = stream.columns ?? 100
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit} ${label}`.slice(0, columns - 1)
      if (line === last) return
      last = line
      stream.write(`\r\x1b[2K${line}`)
    },
    done() {
      if (last) stream.write('\r\x1b[2K')
      last = ''
    },
  }
}
