import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditStatic, exitCodeFor, formatTable } from '../../src/audit/index.js'
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
      { target: 'empty', message: 'directory holds no files the audit reads' },
    ])
    expect(r.pages).toEqual([])
  })

  it('binary files are problems; invalid UTF-8 is decoded as a browser would and audited, with a notice', async () => {
    writeFileSync(join(dir, 'logo.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))
    // Latin-1 without a declaration: lossy UTF-8 (U+FFFD), and the tracker after the bad byte is still found.
    writeFileSync(join(dir, 'latin1.html'), Buffer.concat([Buffer.from('<p>caf'), Buffer.from([0xe9]), Buffer.from(` au lait</p>\n${GA}`)]))
    // Declared windows-1252: decoded with that encoding, so the é survives.
    const declared = Buffer.from('<meta charset="windows-1252"><title>Caf')
    writeFileSync(join(dir, 'cp1252.html'), Buffer.concat([declared, Buffer.from([0xe9]), Buffer.from(`</title>\n${GA}`)]))
    // A BOM decides: UTF-16LE text is read, not refused as binary.
    writeFileSync(join(dir, 'utf16.html'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<p>x</p>\n${GA}`, 'utf16le')]))
    const r = await auditStatic(['logo.html', 'latin1.html', 'cp1252.html', 'utf16.html'], { cwd: dir })
    expect(r.problems).toEqual([{ target: 'logo.html', message: 'binary file, not text' }])
    expect(r.pages).toEqual(['cp1252.html', 'latin1.html', 'utf16.html'])
    expect(r.notices).toEqual([
      { target: 'cp1252.html', message: `not valid UTF-8 (near byte ${declared.length}): decoded as windows-1252, as its <meta charset> says` },
      { target: 'latin1.html', message: 'not valid UTF-8 (near byte 6): decoded with replacement characters (U+FFFD), as a browser would' },
    ])
    expect(r.findings.map((f) => `${f.page} ${brief(f)}`)).toEqual([
      'cp1252.html error tracker-resource ga4 2:1 [G-BIG1234567]',
      'latin1.html error tracker-resource ga4 2:1 [G-BIG1234567]',
      'utf16.html error tracker-resource ga4 2:1 [G-BIG1234567]',
    ])
    expect(exitCodeFor(r)).toBe(2) // the binary file; without it the lossy pages alone exit 1 (a tracker), never 2
    expect(exitCodeFor({ ...r, problems: [] })).toBe(1)
  })

  it('an unreadable target (a directory given as a file, a dangling link) is a problem', async () => {
    mkdirSync(join(dir, 'folder.html'), { recursive: true })
    expect(await scanFile({ path: join(dir, 'folder.html'), page: 'folder.html', kind: 'html' }, [])).toEqual({
      page: 'folder.html',
      problem: 'is a directory',
    })
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

  it('invalid UTF-8 deep inside a large (streamed) file: decoded whole, audited, the notice names the byte offset', async () => {
    const head = Buffer.from(`<p>${'a'.repeat(3 << 20)}</p>`)
    writeFileSync(join(dir, 'bad-tail.html'), Buffer.concat([head, Buffer.from([0xff, 0xfe]), Buffer.from(`<p>x</p>${GA}`)]))
    const r = await auditStatic(['bad-tail.html'], { cwd: dir })
    expect(r.problems).toEqual([])
    expect(r.notices).toEqual([
      { target: 'bad-tail.html', message: `not valid UTF-8 (near byte ${head.length}): decoded with replacement characters (U+FFFD), as a browser would` },
    ])
    expect(r.findings.map(brief)).toEqual([`error tracker-resource ga4 1:${(3 << 20) + 7 + 2 + 8 + 1} [G-BIG1234567]`])
  })

  it('files of a type the audit cannot interpret are "not audited (type)", never silently clean', async () => {
    mkdirSync(join(dir, 'typed'), { recursive: true })
    writeFileSync(join(dir, 'typed/index.html'), '<p>clean</p>')
    writeFileSync(join(dir, 'typed/feed.xml'), '<rss></rss>')
    writeFileSync(join(dir, 'typed/Procfile'), 'web: node server.js')
    writeFileSync(join(dir, 'typed/logo.png'), Buffer.from([0x89, 0x50]))
    writeFileSync(join(dir, 'typed/.gitignore'), 'dist')
    // Installed packages and build caches are skipped by a directory walk, trackers or not.
    for (const cache of ['node_modules/react-ga4', '.next/cache', '.svelte-kit/output', '.cache']) {
      mkdirSync(join(dir, 'typed', cache), { recursive: true })
      writeFileSync(join(dir, 'typed', cache, 'index.js'), "gtag('config','G-CACHE12345')")
    }
    const r = await auditStatic(['typed', 'typed/notes.rtf'.replace('notes.rtf', 'feed.xml')], { cwd: dir })
    expect(r.pages).toEqual(['typed/index.html'])
    expect(r.skipped).toEqual([
      { type: '.xml', files: ['typed/feed.xml'] },
      { type: 'no extension', files: ['typed/Procfile'] },
    ])
    expect(r.assets).toBe(2)
    const table = formatTable(r)
    expect(table).toContain('? not audited (.xml): 1 file: typed/feed.xml')
    expect(table).toContain('2 not audited (type)')
    expect(table).not.toContain('Clean')
    expect(exitCodeFor(r)).toBe(0)
  })

  it('globs: ** and {a,b} pick the files they match', async () => {
    mkdirSync(join(dir, 'site/blog/2024'), { recursive: true })
    writeFileSync(join(dir, 'site/index.html'), GA)
    writeFileSync(join(dir, 'site/blog/2024/post.htm'), '<p>clean</p>')
    writeFileSync(join(dir, 'site/blog/app.js'), 'console.log(1)')
    writeFileSync(join(dir, 'site/blog/style.css'), 'body{}')
    const all = await auditStatic(['site/**/*.{html,htm}'], { cwd: dir })
    expect(all.pages).toEqual(['site/blog/2024/post.htm', 'site/index.html'])
    const blog = await auditStatic(['site/blog/**'], { cwd: dir })
    expect(blog.pages).toEqual(['site/blog/2024/post.htm', 'site/blog/app.js', 'site/blog/style.css'])
    expect(all.findings.map((f) => f.page)).toEqual(['site/index.html'])
  })
})
