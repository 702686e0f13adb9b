import { describe, expect, it } from 'vitest'
import { progress, PROGRESS_THRESHOLD } from '../../src/links/progress.js'

const stream = (isTTY: boolean): { isTTY: boolean; out: string[]; write: (s: string) => boolean } => {
  const out: string[] = []
  return { isTTY, out, write: (s) => (out.push(s), true) }
}

describe('progress', () => {
  it('draws on a terminal for long runs, once per percent, and clears the line', () => {
    const s = stream(true)
    const total = 10_000
    const p = progress('links', total, s)
    for (let i = 1; i <= total; i++) p.tick(i)
    p.end()
    expect(s.out).toHaveLength(101 + 1)
    expect(s.out[s.out.length - 2]).toBe('\rlinks 10000/10000 (100%)')
    expect(s.out.at(-1)).toBe('\r\x1b[K')
  })

  it('stays silent when not a terminal or when the run is short', () => {
    for (const [tty, total] of [[false, 10_000], [true, PROGRESS_THRESHOLD]] as const) {
      const s = stream(tty)
      const p = progress('links', total, s)
      for (let i = 1; i <= total; i++) p.tick(i)
      p.end()
      expect(s.out).toEqual([])
    }
  })
})
