import { describe, expect, it } from 'vitest'
import { progressBar } from '../../src/progress.js'
import { normalizeUrl } from '../../src/audit/live/crawl.js'

/** Just enough of a WriteStream to capture what the bar draws. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = {
    isTTY,
    columns: 60,
    text: '',
    write(chunk: string) {
      stream.text += chunk
      return true
    },
  }
  return stream as unknown as NodeJS.WriteStream & { text: string }
}

describe('live audit helpers', () => {
  it('progress bar: redraws one line on a terminal, clears it when done', () => {
    const tty = fakeStream(true)
    const bar = progressBar('pages', { stream: tty })
    bar.update(1, 4, 'http://127.0.0.1/a')
    bar.update(4, 4, 'http://127.0.0.1/d')
    bar.done()
    expect(tty.text.split('\r\x1b[2K')).toEqual([
      '',
      '[######..................] 1/4 pages http://127.0.0.1/a',
      '[########################] 4/4 pages http://127.0.0.1/d',
      '',
    ])
  })

  it('progress bar: silent when stderr is not a terminal (CI logs)', () => {
    const pipe = fakeStream(false)
    const bar = progressBar('pages', { stream: pipe })
    bar.update(1, 2)
    bar.done()
    expect(pipe.text).toBe('')
  })

  it('crawl URLs: fragments dropped, only http(s)', () => {
    expect(normalizeUrl('http://127.0.0.1:8080/b.html#top')).toBe('http://127.0.0.1:8080/b.html')
    expect(normalizeUrl('mailto:hi@acme.dev')).toBeUndefined()
    expect(normalizeUrl('javascript:void(0)')).toBeUndefined()
    expect(normalizeUrl('not a url')).toBeUndefined()
  })
})
