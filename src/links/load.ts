import { readFile } from 'node:fs/promises'
import { jsonErrorLocation } from './locate.js'

/** A registry file read and parsed, or why it could not be. */
export type Loaded = { ok: true; value: unknown; text: string } | { ok: false; message: string }

/**
 * Read and parse a registry file (JSON). I/O and syntax problems come back as one message with
 * `file:line:column` where the engine gives a position; shape problems are left to `validateRegistry`.
 * @example
 * ```ts
 * const loaded = await loadRegistryFile('firstparty.links.json')
 * if (!loaded.ok) console.error(loaded.message)
 * ```
 */
export async function loadRegistryFile(file: string): Promise<Loaded> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message
    return { ok: false, message: `cannot read registry ${file}: ${why}` }
  }
  // A UTF-8 byte order mark is what some editors write; JSON.parse rejects it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') return { ok: false, message: `${file}: the registry is empty; expected a JSON object with "creators" and "campaigns"` }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text }
  } catch (error) {
    const at = jsonErrorLocation(text, error)
    const where = at.line === undefined ? file : `${file}:${at.line}:${at.column ?? 1}`
    return { ok: false, message: `${where}: invalid JSON: ${at.message}` }
  }
}

