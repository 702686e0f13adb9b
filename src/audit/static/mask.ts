// Text that is not code gets blanked before the scanners look: comments, escaped markup, template comments.
// Blanking (spaces, newlines kept) instead of cutting keeps every offset, so findings keep their line:column.

/** Blank many ranges at once (sorted or not, may overlap). */
export function blankRanges(text: string, ranges: readonly (readonly [number, number])[]): string {
  if (ranges.length === 0) return text
  const chars = text.split('')
  for (const [start, end] of ranges) for (let i = start; i < end && i < chars.length; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' '
  return chars.join('')
}

const SLASH = 47
const STAR = 42
const NEWLINE = 10
const BACKSLASH = 92
const QUOTE = 39
const DOUBLE = 34
const BACKTICK = 96
const BRACE_OPEN = 123
const BRACE_CLOSE = 125
const DOLLAR = 36

/** Characters after which a `/` starts a regular expression literal rather than a division. */
const BEFORE_REGEX = new Set('(,=:[!&|?{};+-*%<>~^'.split('').map((c) => c.charCodeAt(0)))
const REGEX_KEYWORD = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/

/**
 * Comments in JavaScript/TypeScript (also PHP's `//`, `/* *\/`) replaced by spaces, strings, template
 * literals and regular expressions kept as they are. A small lexer, not a parser: enough to tell a
 * commented-out snippet from a live one, and fast on minified bundles.
 *
 * @example maskComments("a(); // gtag('config','G-1')") // "a();                      "
 */
export function maskComments(text: string): string {
  if (!text.includes('/*') && !text.includes('//')) return text
  const ranges: [number, number][] = []
  // Template literal nesting: each entry counts the open braces of a `${…}` we are inside.
  const templates: number[] = []
  let last = 0 // code of the last significant (non-space) character, for the regex-or-division guess
  let lastIndex = -1
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === SLASH) {
      const next = text.charCodeAt(i + 1)
      if (next === SLASH) {
        let end = text.indexOf('\n', i)
        if (end < 0) end = n
        ranges.push([i, end])
        i = end
        continue
      }
      if (next === STAR) {
        let end = text.indexOf('*/', i + 2)
        end = end < 0 ? n : end + 2
        ranges.push([i, end])
        i = end
        continue
      }
      if (last === 0 || BEFORE_REGEX.has(last) || (lastIndex >= 0 && REGEX_KEYWORD.test(text.slice(Math.max(0, lastIndex - 9), lastIndex + 1)))) {
        i = skipRegex(text, i)
        last = SLASH
        lastIndex = i - 1
        continue
      }
    } else if (c === QUOTE || c === DOUBLE) {
      i = skipString(text, i, c)
      last = c
      lastIndex = i - 1
      continue
    } else if (c === BACKTICK) {
      const end = skipTemplate(text, i + 1)
      if (end.open) {
        templates.push(0)
        i = end.at
      } else i = end.at
      last = BACKTICK
      lastIndex = i - 1
      continue
    } else if (c === BRACE_OPEN && templates.length) {
      templates[templates.length - 1] = (templates[templates.length - 1] ?? 0) + 1
    } else if (c === BRACE_CLOSE && templates.length) {
      const depth = templates[templates.length - 1] ?? 0
      if (depth === 0) {
        // End of `${…}`: back inside the template literal.
        templates.pop()
        const end = skipTemplate(text, i + 1)
        if (end.open) templates.push(0)
        i = end.at
        last = BACKTICK
        lastIndex = i - 1
        continue
      }
      templates[templates.length - 1] = depth - 1
    }
    if (c > 32) {
      last = c
      lastIndex = i
    }
    i++
  }
  return blankRanges(text, ranges)
}

/** End of a '…' or "…" string (strings don't span lines, so a stray quote costs one line at most). */
function skipString(text: string, start: number, quote: number): number {
  let i = start + 1
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === BACKSLASH) i += 2
    else if (c === quote) return i + 1
    else if (c === NEWLINE) return i
    else i++
  }
  return i
}

/** Inside a template literal from `start`: where it ends, or where a `${` opens. */
function skipTemplate(text: string, start: number): { at: number; open: boolean } {
  let i = start
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === BACKSLASH) i += 2
    else if (c === BACKTICK) return { at: i + 1, open: false }
    else if (c === DOLLAR && text.charCodeAt(i + 1) === BRACE_OPEN) return { at: i + 2, open: true }
    else i++
  }
  return { at: i, open: false }
}

/** End of a regular expression literal (with `[…]` classes), or the line end when it is not one. */
function skipRegex(text: string, start: number): number {
  let i = start + 1
  let inClass = false
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === BACKSLASH) i += 2
    else if (c === NEWLINE) return i
    else if (c === 91) (inClass = true), i++
    else if (c === 93) (inClass = false), i++
    else if (c === SLASH && !inClass) return i + 1
    else i++
  }
  return i
}

/**
 * Markup written out as text (`&lt;script src="…"&gt;`) is an example on a docs page, not a loader.
 *
 * @example maskEscapedMarkup('x = "&lt;script src=https://t.example/&gt;"') // the tag is blanked
 */
export function maskEscapedMarkup(text: string): string {
  if (!text.includes('&lt;')) return text
  const ranges: [number, number][] = []
  for (const m of text.matchAll(/&lt;[a-z!/][\s\S]*?&gt;/gi)) ranges.push([m.index, m.index + m[0].length])
  return blankRanges(text, ranges)
}
