// The one JSON file loader: the config file, the link registry and any other JSON input are read, and their
// problems reported, the same way: `file:line:column: invalid JSON: …`, `<what> not found: file`, one
// UsageError the CLI prints as one line (exit 2).
import { readFile } from 'node:fs/promises'
import { UsageError } from '../errors.js'

/** What {@link readJsonFile} says about the file in its messages. */
export interface JsonFileOptions {
  /** The file's role in messages: `config file`, `registry`. */
  what: string
  /** What an empty file should have held, e.g. `a JSON object with "creators" and "campaigns"`. @default 'a JSON value' */
  expected?: string
}

/** A parsed JSON file: the value and the text it came from (for line numbers in later findings). */
export interface JsonFile {
  value: unknown
  text: string
}

/**
 * Read and parse a JSON file. A UTF-8 byte order mark (some editors write one) is dropped.
 * @throws UsageError naming the file: missing, unreadable, empty, or invalid JSON with `file:line:column`
 * @example
 * ```ts
 * const { value, text } = await readJsonFile('firstparty.links.json', { what: 'registry' })
 * ```
 */
export async function readJsonFile(file: string, options: JsonFileOptions): Promise<JsonFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UsageError(`${options.what} not found: ${file}`)
    const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message
    throw new UsageError(`cannot read ${options.what} ${file}: ${why}`)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') throw new UsageError(`${file}: the ${options.what} is empty; expected ${options.expected ?? 'a JSON value'}`)
  try {
    return { value: JSON.parse(text) as unknown, text }
  } catch (error) {
    const at = jsonErrorLocation(text, error)
    const where = at.line === undefined ? file : `${file}:${at.line}:${at.column ?? 1}`
    throw new UsageError(`${where}: invalid JSON: ${at.message}`)
  }
}

/**
 * Turn a `JSON.parse` error into `line N, column M: message` when the engine gives a position.
 * @example
 * ```ts
 * jsonErrorLocation('{\n "a" 1}', new SyntaxError("Expected ':' after property name in JSON at position 7"))
 * // { line: 2, column: 6, message: "Expected ':' after property name" }
 * ```
 */
export function jsonErrorLocation(text: string, error: unknown): { line?: number; column?: number; message: string } {
  const raw = error instanceof Error ? error.message : String(error)
  const match = / in JSON at position (\d+)/.exec(raw)
  const message = raw.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')
  if (!match) return { message }
  const position = Number(match[1])
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return { line, column, message }
}
