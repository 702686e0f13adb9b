import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LineIndex } from '../../../src/audit/static/lines.js'

/** The position of `offset` in `text`, counted the slow way. */
const naive = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 }
}

describe('LineIndex', () => {
  it('maps offsets as a naive count does, however the text is cut into chunks and whenever positions are asked', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a\n\r<]{0,12}$/), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (chunks, asks) => {
        const text = chunks.join('')
        const lines = new LineIndex()
        let fed = 0
        for (const [i, chunk] of chunks.entries()) {
          lines.append(chunk)
          fed += chunk.length
          // Ask in the middle of feeding too: positions asked early must not stop later chunks from counting.
          const ask = asks[i]
          if (ask !== undefined && fed > 0) expect(lines.position(ask % fed)).toEqual(naive(text, ask % fed))
        }
        for (let offset = 0; offset <= text.length; offset++) expect(lines.position(offset)).toEqual(naive(text, offset))
      }),
    )
  })

  it('indexes a streamed page as it goes (more than its pending limit), and still maps offsets after it', () => {
    const chunk = `${'x'.repeat(1 << 20)}\n`
    const lines = new LineIndex()
    for (let i = 0; i < 6; i++) lines.append(chunk)
    lines.append('tail\nend')
    expect(lines.position(0)).toEqual({ line: 1, column: 1 })
    expect(lines.position(5 * chunk.length + 3)).toEqual({ line: 6, column: 4 })
    expect(lines.position(6 * chunk.length + 5)).toEqual({ line: 8, column: 1 })
  })
})
