// Offsets → line:column for text that arrives in chunks (a 50 MB page is never held as one string).

/**
 * Records where each line starts as text is appended, then maps a UTF-16 offset to a 1-based
 * line and column. Offsets are the ones htmlparser2 reports (`startIndex`), which count the same units.
 *
 * @example
 * const lines = new LineIndex(); lines.append('a\nbc'); lines.position(3) // { line: 2, column: 2 }
 */
export class LineIndex {
  /** Offsets at which lines 2, 3, … start. */
  private readonly starts: number[] = [0]
  private length = 0

  /** Feed the next chunk of text, in order. */
  append(chunk: string): void {
    let at = chunk.indexOf('\n')
    while (at !== -1) {
      this.starts.push(this.length + at + 1)
      at = chunk.indexOf('\n', at + 1)
    }
    this.length += chunk.length
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 }
  }
}
