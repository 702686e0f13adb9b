/**
 * Line numbers for JSON values, so CI messages can say `firstparty.links.json:42`.
 * JSON.parse does the parsing; this only walks the (already valid) text to note where each value starts.
 */

/** A path to a value: `creators/3/code`. */
export type JsonPath = string

/**
 * Map every value's path (`''` for the root, `creators/3/code`…) to its 1-based line.
 * Expects valid JSON (call after `JSON.parse` succeeded); on anything else it returns what it found so far.
 * @example
 * ```ts
 * jsonLines('{\n  "a": [\n    1\n  ]\n}').get('a/0') // 3
 * ```
 */
export function jsonLines(text: string): Map<JsonPath, number> {
  const lines = new Map<JsonPath, number>()
  let i = 0
  let line = 1
  const skip = (): void => {
    for (; i < text.length; i++) {
      const c = text[i]
      if (c === '\n') line++
      else if (c !== ' ' && c !== '\t' && c !== '\r') return
    }
  }
  const readString = (): string => {
    const start = i
    let escaped = false
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] !== '\\') continue
      i++
      escaped = true
    }
    i++
    // Only keys with escapes need decoding; slicing is much cheaper on big files.
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1)
  }
  const value = (path: JsonPath): void => {
    skip()
    lines.set(path, line)
    const c = text[i]
    const prefix = path === '' ? '' : `${path}/`
    if (c === '{') {
      i++
      for (skip(); text[i] === '"'; skip()) {
        const key = readString()
        skip()
        i++ // ':'
        value(prefix + key)
        skip()
        if (text[i] === ',') i++
        skip()
      }
      i++ // '}'
    } else if (c === '[') {
      i++
      skip()
      for (let n = 0; i < text.length && text[i] !== ']'; n++) {
        value(prefix + String(n))
        skip()
        if (text[i] === ',') i++
        skip()
      }
      i++ // ']'
    } else if (c === '"') {
      readString()
    } else {
      // number, true, false, null: no newline inside
      while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++
    }
  }
  try {
    value('')
  } catch {
    // Invalid text: keep the lines found before the problem.
  }
  return lines
}
