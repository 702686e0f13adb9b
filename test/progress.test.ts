import { describe, expect, it } from 'vitest'
import { progressBar, type ProgressStream } from '../src/progress.js'

const stream = (isTTY: boolean, columns = 200): ProgressStream & { out: string[] } => {
  const out: string[] = []
  return { isTTY, columns, out, write: (s) => (out.push(s), true) }
}

describe('progressBar', () => {
  it('redraws once per percent on a long run and clears the line at the end', () => {
    const s = stream(true)
    const bar = progressBar('creators', { stream: s, quietUpTo: 1000 })
    const total = 10_000
    for (let i = 1; i <= total; i++) bar.update(i, total, 'building links')
    bar.done()
    // 1% .. 100%: the first tick is already 0% (floor(1/10000)), so 101 frames, then the clear.
    expect(s.out).toHaveLength(101 + 1)
    expect(s.out.at(-2)).toBe('\r\x1b[2K[########################] 10000/10000 creators building links')
    expect(s.out.at(-1)).toBe('\r\x1b[2K')
  })

  it('redraws when the label changes even if the percentage does not', () => {
    const s = stream(true)
    const bar = progressBar('pages', { stream: s })
    bar.update(1, 1000, '/a')
    bar.update(1, 1000, '/b')
    bar.update(1, 1000, '/b')
    expect(s.out).toEqual(['\r\x1b[2K[........................] 1/1000 pages /a', '\r\x1b[2K[........................] 1/1000 pages /b'])
  })

  it('stays silent on a pipe, for short runs, and when forced off', () => {
    const cases = [
      [stream(false), {}, 10_000],
      [stream(true), { quietUpTo: 1000 }, 1000],
      [stream(true), { force: false }, 10],
    ] as const
    for (const [s, options, total] of cases) {
      const bar = progressBar('links', { ...options, stream: s })
      for (let i = 1; i <= total; i++) bar.update(i, total)
      bar.done()
      expect(s.out).toEqual([])
    }
  })

  it('draws on a pipe when forced, and never wider than the terminal', () => {
    const s = stream(false, 30)
    const bar = progressBar('pages', { stream: s, force: true })
    bar.update(2, 4, 'http://127.0.0.1:4173/a-very-long-path/that/goes/on')
    expect(s.out).toHaveLength(1)
    expect(s.out[0]?.replace('\r\x1b[2K', '').length).toBe(29)
  })

  it('draws nothing for an empty run (no division by zero, nothing to clear)', () => {
    const s = stream(true)
    const bar = progressBar('pages', { stream: s })
    bar.update(0, 0)
    bar.done()
    expect(s.out).toEqual([])
  })
})
