import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditStatic } from '../../src/audit/index.js'
import { scanFile } from '../../src/audit/static/file.js'
import { brief } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'fp-audit-robust-'))
const GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-BIG1234567"></script>'

describe('static audit: bad inputs are problems with a clear message, never exceptions', () => {
  it('missing paths, empty globs and empty directories', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true })
    const r = await auditStatic(['nope/missing.html', 'nope/**/*.html', 'empty'], { cwd: dir })
    expect(r.problems).toEqual([
      { target: 'nope/missing.html', message: 'no such file or directory' },
      { target: 'nope/**/*.html', message: 'no such directory' },
      { target: 'empty', message: 'directory holds no HTML or JS files' },
    ])
    expect(r.pages).toEqual([])
  })

  it('binary files and invalid UTF-8 (a Latin-1 page) are named with the reason', async () => {
    writeFileSync(join(dir, 'logo.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))
    writeFileSync(join(dir, 'latin1.html'), Buffer.concat([Buffer.from('<p>caf'), Buffer.from([0xe9]), Buffer.from(' au lait</p>')]))
    const r = await auditStatic(['logo.html', 'latin1.html'], { cwd: dir })
    expect(r.problems).toEqual([
      { target: 'latin1.html', message: 'not valid UTF-8 (near byte 6); re-save it as UTF-8' },
      { target: 'logo.html', message: 'binary file, not HTML or JavaScript' },
    ])
  })

  it('an unreadable target (a directory given as a file, a dangling link) is a problem', async () => {
    mkdirSync(join(dir, 'folder.html'), { recursive: true })
    expect(await scanFile({ path: join(dir, 'folder.html'), page: 'folder.html', kind: 'html' }, [])).toEqual({ page: 'folder.html', problem: 'is a directory' })
    symlinkSync(join(dir, 'gone.html'), join(dir, 'dangling.html'))
    const r = await auditStatic(['dangling.html'], { cwd: dir })
    expect(r.problems).toEqual([{ target: 'dangling.html', message: 'no such file or directory' }])
  })

  it('a 50 MB page is streamed: trackers across chunk boundaries and at the very end keep exact positions', async () => {
    const filler = `<p>${'lorem ipsum dolor sit amet '.repeat(37)}</p>\n` // 1,007 bytes per line
    const lines = Math.ceil((50 * 1024 * 1024) / filler.length)
    const boundaryLine = Math.floor((1 << 20) / filler.length) // the first 1 MiB chunk ends inside this line
    const parts: string[] = []
    for (let i = 0; i < lines; i++) parts.push(i === boundaryLine ? `<p>${'x'.repeat((1 << 20) - boundaryLine * filler.length - 40)}</p>${GA}\n` : filler)
    parts.push(`<script>gtag('config', 'G-BIG1234567')</script>\n`)
    writeFileSync(join(dir, 'huge.html'), parts.join(''))
    const boundaryColumn = (1 << 20) - boundaryLine * filler.length - 40 + 8
    const r = await auditStatic(['huge.html'], { cwd: dir })
    expect(r.problems).toEqual([])
    expect(r.findings.map(brief)).toEqual([
      `error tracker-resource ga4 ${boundaryLine + 1}:${boundaryColumn} [G-BIG1234567]`,
      `error tracker-snippet ga4 ${lines + 1}:9 [G-BIG1234567]`,
    ])
  }, 120_000)

  it('invalid UTF-8 deep inside a streamed file reports its byte offset', async () => {
    const head = Buffer.from(`<p>${'a'.repeat(3 << 20)}</p>`)
    writeFileSync(join(dir, 'bad-tail.html'), Buffer.concat([head, Buffer.from([0xff, 0xfe]), Buffer.from('<p>x</p>')]))
    const r = await auditStatic(['bad-tail.html'], { cwd: dir })
    expect(r.problems).toEqual([{ target: 'bad-tail.html', message: `not valid UTF-8 (near byte ${head.length}); re-save it as UTF-8` }])
  })

  it('globs: ** and {a,b} pick HTML and JS; other files are ignored', async () => {
    mkdirSync(join(dir, 'site/blog/2024'), { recursive: true })
    writeFileSync(join(dir, 'site/index.html'), GA)
    writeFileSync(join(dir, 'site/blog/2024/post.htm'), '<p>clean</p>')
    writeFileSync(join(dir, 'site/blog/app.js'), 'console.log(1)')
    writeFileSync(join(dir, 'site/blog/style.css'), 'body{}')
    const all = await auditStatic(['site/**/*.{html,htm}'], { cwd: dir })
    expect(all.pages).toEqual(['site/blog/2024/post.htm', 'site/index.html'])
    const blog = await auditStatic(['site/blog/**'], { cwd: dir })
    expect(blog.pages).toEqual(['site/blog/2024/post.htm', 'site/blog/app.js'])
    expect(all.findings.map((f) => f.page)).toEqual(['site/index.html'])
  })
})
