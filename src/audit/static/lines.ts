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
  /**
   * Chunks not indexed yet: most files have no finding and never ask for a position, so their newlines are
   * never searched. Bounded, so a streamed page is not held whole.
   */
  private pending: string[] = []
  private pendingLength = 0

  /** Feed the next chunk of text, in order. */
  append(chunk: string): void {
    this.pending.push(chunk)
    this.pendingLength += chunk.length
    if (this.pendingLength > PENDING_LIMIT) this.index()
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    if (this.pending.length) this.index()
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 }
  }

  private index(): void {
    for (const chunk of this.pending) {
      let at = chunk.indexOf('\n')
      while (at !== -1) {
        this.starts.push(this.length + at + 1)
        at = chunk.indexOf('\n', at + 1)
      }
      this.length += chunk.length
    }
    this.pending = []
    this.pendingLength = 0
  }
}

/** Characters of text kept unindexed at most (UTF-16 units): a few streamed chunks. */
const PENDING_LIMIT = 4 << 20
