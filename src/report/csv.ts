/**
 * A streaming RFC 4180 reader: feed it text in chunks of any size, get complete rows back. Quoted fields
 * may hold commas, quotes (`""`) and line breaks; CRLF and LF both end a row. Only the current row is
 * kept in memory.
 */
export class CsvReader {
  private field = ''
  private row: string[] = []
  private quoted = false
  // A quote just closed a quoted field: the next character decides (another quote, a comma, a line end).
  private afterQuote = false
  private rows: string[][] = []

  /**
   * Read one chunk; returns the rows it completed.
   * @example
   * ```ts
   * const reader = new CsvReader()
   * reader.push('a,"b\n') // []
   * reader.push('c"\r\n') // [['a', 'b\nc']]
   * ```
   */
  push(chunk: string): string[][] {
    const length = chunk.length
    let i = 0
    while (i < length) {
      if (this.quoted) {
        const close = chunk.indexOf('"', i)
        if (close === -1) {
          this.field += chunk.slice(i)
          return this.take()
        }
        this.field += chunk.slice(i, close)
        this.quoted = false
        this.afterQuote = true
        i = close + 1
        continue
      }
      const c = chunk.charCodeAt(i)
      if (this.afterQuote) {
        this.afterQuote = false
        if (c === 34) {
          // `""` inside a quoted field: one quote, still quoted.
          this.field += '"'
          this.quoted = true
          i++
          continue
        }
      }
      if (c === 34 && this.field === '') {
        this.quoted = true
        i++
      } else if (c === 44) {
        this.row.push(this.field)
        this.field = ''
        i++
      } else if (c === 10 || c === 13) {
        if (c === 13 && chunk.charCodeAt(i + 1) === 10) i++
        this.endRow()
        i++
      } else {
        // Plain text up to the next separator, in one slice.
        let j = i + 1
        while (j < length) {
          const d = chunk.charCodeAt(j)
          if (d === 44 || d === 10 || d === 13) break
          j++
        }
        this.field += chunk.slice(i, j)
        i = j
      }
    }
    return this.take()
  }

  /** End of input: the last row, if it has no line break after it. */
  end(): string[][] {
    if (this.field !== '' || this.row.length > 0 || this.quoted || this.afterQuote) this.endRow()
    this.quoted = false
    this.afterQuote = false
    return this.take()
  }

  private endRow(): void {
    this.row.push(this.field)
    this.field = ''
    // Blank lines are not rows.
    if (this.row.length > 1 || this.row[0] !== '') this.rows.push(this.row)
    this.row = []
  }

  private take(): string[][] {
    const rows = this.rows
    this.rows = []
    return rows
  }
}
