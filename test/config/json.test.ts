import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FirstpartyError, UsageError } from '../../src/errors.js'
import { jsonErrorLocation, readJsonFile } from '../../src/config/json.js'

const dir = mkdtempSync(join(tmpdir(), 'fp-json-'))
const file = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const what = { what: 'thing', expected: 'a JSON object' }

describe('readJsonFile', () => {
  it('returns the value and the text, without a byte order mark', async () => {
    expect(await readJsonFile(file('ok.json', '\ufeff{"a":[1]}'), what)).toEqual({ value: { a: [1] }, text: '{"a":[1]}' })
  })

  // Hostile forms of a JSON input file, each with the one-line message it must produce.
  it.each([
    ['missing', join(dir, 'nope.json'), /^thing not found: .*nope\.json$/],
    ['a directory', dir, /^cannot read thing .*: is a directory$/],
    ['empty', file('empty.json', ''), /empty\.json: the thing is empty; expected a JSON object$/],
    ['whitespace only', file('blank.json', ' \n\t\n'), /blank\.json: the thing is empty/],
    ['a trailing comma', file('comma.json', '{\n  "a": 1,\n}'), /comma\.json:3:1: invalid JSON: /],
    ['truncated', file('cut.json', '{"a": ['), /cut\.json(:\d+:\d+)?: invalid JSON: /],
    ['JavaScript, not JSON', file('js.json', "{ a: 'x' }"), /js\.json:1:3: invalid JSON: /],
  ])('rejects %s with a UsageError naming the file', async (_name, path, message) => {
    const error = await readJsonFile(path, what).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect(error).toBeInstanceOf(FirstpartyError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toMatch(/\n|at position/)
  })

  it('reads back any JSON value, or names a line and column inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (text) => {
        const path = file('any.json', text)
        const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
        let parsed: unknown
        let valid = true
        try {
          parsed = JSON.parse(body)
        } catch {
          valid = false
        }
        const result = await readJsonFile(path, what).catch((e: unknown) => e)
        if (valid) {
          expect(result).toEqual({ value: parsed, text: body })
          return
        }
        expect(result).toBeInstanceOf(UsageError)
        const at = /any\.json:(\d+):(\d+): invalid JSON/.exec((result as Error).message)
        if (at) expect(Number(at[1])).toBeLessThanOrEqual(text.split('\n').length)
      }),
      { numRuns: 200 },
    )
  })
})

describe('jsonErrorLocation', () => {
  it('turns the engine position into line and column', () => {
    const text = '{\n  "a": 1,\n}'
    let error: unknown
    try {
      JSON.parse(text)
    } catch (e) {
      error = e
    }
    const at = jsonErrorLocation(text, error)
    expect(at.line).toBe(3)
    expect(at.column).toBe(1)
    expect(at.message).not.toMatch(/position/)
  })

  it('keeps the message when there is no position', () => {
    expect(jsonErrorLocation('', new SyntaxError('Unexpected end of JSON input'))).toEqual({ message: 'Unexpected end of JSON input' })
  })
})
