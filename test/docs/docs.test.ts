// Docs that stay true: the recipes are the examples' files, measured figures come from one generated page,
// and every size quoted for a budgeted file is its budget in .size-limit.cjs (as nanostores' size-synced test).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname
const read = (path: string): string => readFileSync(root + path, 'utf8')
const pages = [
  'README.md',
  ...readdirSync(`${root}docs`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]
const budgets = createRequire(import.meta.url)(`${root}.size-limit.cjs`) as { name: string; path: string; limit: string }[]

/**
 * Pages that still quote measured sizes next to a budgeted file (none since docs/guard.md moved its figures to
 * bench/results/guard.json); the last test fails while an entry is no longer needed.
 */
const KNOWN_UNSYNCED: readonly string[] = []

/** `3.3 KB` / `3.3 kB` / `3,300 B` as bytes (kB = 1000 B, as size-limit counts). */
function bytes(figure: string): number {
  const m = /^([\d,.]+)\s*(k?B)$/i.exec(figure.trim())
  if (!m) throw new Error(`not a size: ${figure}`)
  const value = Number((m[1] ?? '').replace(/,/g, ''))
  return (m[2] ?? '').toLowerCase() === 'kb' ? value * 1000 : value
}
const SIZE = /\b\d[\d,]*(?:\.\d+)?\s?(?:kB|KB|B)\b/g

/** Paragraphs (blank-line separated, code blocks included) that name a budgeted file. */
function quotes(text: string): { file: string; paragraph: string }[] {
  const names = budgets.map((b) => basename(b.path))
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => names.filter((name) => name !== 'index.js' && paragraph.includes(name)).map((file) => ({ file, paragraph })))
}

describe('docs', () => {
  it('docs/figures.md is what `npm run figures` renders from bench/results/*.json', () => {
    expect(() => execFileSync(process.execPath, [`${root}bench/figures.js`, '--check'], { stdio: 'pipe' })).not.toThrow()
  })

  it('every page links to docs/figures.md for measured figures', () => {
    const missing = pages.filter((p) => p !== 'docs/figures.md' && !/\]\((?:docs\/)?figures\.md(?:#[\w-]+)?\)/.test(read(p)))
    expect(missing).toEqual([])
  })

  it('the code blocks of docs/integrations.md are the example files (`npm run docs:examples`)', () => {
    expect(() => execFileSync(process.execPath, [`${root}scripts/docs-examples.js`, '--check'], { stdio: 'pipe' })).not.toThrow()
    // The check is real: the page has marked blocks, and each one names an example file.
    expect(read('docs/integrations.md').match(/<!-- example: examples\/[\w./[\]-]+ -->/g)?.length).toBeGreaterThanOrEqual(10)
  })

  /** Every size quoted next to a budgeted file on `page` that is not the file's budget. */
  const unsynced = (page: string): string[] => {
    const wrong: string[] = []
    for (const { file, paragraph } of quotes(read(page))) {
      const limits = budgets.filter((b) => basename(b.path) === file).map((b) => bytes(b.limit))
      for (const [figure] of paragraph.matchAll(SIZE))
        if (!limits.includes(bytes(figure))) wrong.push(`${page}: ${figure} next to ${file} (budget ${limits.map((l) => `${l / 1000} kB`).join(', ')})`)
    }
    return wrong
  }

  it('a size quoted next to a budgeted file is its budget in .size-limit.cjs (measured sizes: figures.md)', () => {
    expect(pages.filter((p) => p !== 'docs/figures.md' && !KNOWN_UNSYNCED.includes(p)).flatMap(unsynced)).toEqual([])
  })

  it('each known exception still needs to be one (drop it once the page is synced)', () => {
    for (const page of KNOWN_UNSYNCED) expect(unsynced(page)).not.toEqual([])
  })

  it('the size check reads figures the way size-limit writes them', () => {
    expect(bytes('3.3 KB')).toBe(3300)
    expect(bytes('3.3 kB')).toBe(3300)
    expect(bytes('3,195 B')).toBe(3195)
    expect(quotes('`guard.global.js` is 3.26 kB\n\nother 9 kB').map((q) => q.paragraph)).toEqual(['`guard.global.js` is 3.26 kB'])
  })
})
