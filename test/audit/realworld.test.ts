// The real-world corpus (issue #14): fixtures written for this project, each reproducing a form found in
// public code (test/fixtures/audit/realworld.manifest.json records where). Every file's findings are
// asserted exactly; positions come from the fixture text itself (helpers.at), not from the audit.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditStatic, formatTable } from '../../src/audit/index.js'
import { at, brief, FIXTURES } from './helpers.js'

interface Entry {
  file: string
  source: string
  vendors: string[]
  trap: boolean
  /** [`severity rule tracker`, text at the finding's position, ids?] */
  expect: [string, string, string?][]
}

const ROOT = `${FIXTURES}/realworld`
const manifest = JSON.parse(readFileSync(`${ROOT}.manifest.json`, 'utf8')) as { files: Entry[] }
// The PostHog-only trap loads PostHog's EU assets: allowed, as a site's firstparty.config.json would.
const report = await auditStatic([ROOT], { allow: ['eu.i.posthog.com', 'eu-assets.i.posthog.com'], jobs: 1 })

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [relative(ROOT, join(dir, n))]))

/** The file kinds the issue lists, by how their names end. */
const KINDS = [
  '.html',
  '.htm',
  '.js',
  '.mjs',
  '.cjs',
  '.jsx',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.vue',
  '.svelte',
  '.astro',
  '.php',
  '.blade.php',
  '.liquid',
  '.njk',
  '.hbs',
  '.erb',
  '.ejs',
  '.md',
  '.mdx',
]
const CONFIGS = ['next.config.', 'nuxt.config.', 'gatsby-config.', 'docusaurus.config.', 'astro.config.', 'vite.config.', 'package.json']

describe('real-world corpus: shape', () => {
  it('has ≥ 80 files across every file kind and site config, ≥ 25 vendors and ≥ 20 clean traps', () => {
    const files = manifest.files.map((e) => e.file)
    expect(files.length).toBeGreaterThanOrEqual(80)
    for (const kind of KINDS)
      expect(
        files.some((f) => f.endsWith(kind) && (kind !== '.php' || !f.endsWith('.blade.php'))),
        kind,
      ).toBe(true)
    for (const name of CONFIGS)
      expect(
        files.some((f) => f.split('/').at(-1)?.startsWith(name)),
        name,
      ).toBe(true)
    expect(new Set(manifest.files.flatMap((e) => e.vendors)).size).toBeGreaterThanOrEqual(25)
    expect(manifest.files.filter((e) => e.trap).length).toBeGreaterThanOrEqual(20)
    for (const e of manifest.files) expect(e.source.length, e.file).toBeGreaterThan(20)
  })

  it('the manifest lists exactly the files on disk, and every one of them was read', () => {
    expect(walk(ROOT).sort()).toEqual(manifest.files.map((e) => e.file).sort())
    expect(report.pages).toEqual(manifest.files.map((e) => `${ROOT}/${e.file}`).sort())
    expect(report.problems).toEqual([])
    expect(report.skipped).toEqual([])
    expect(report.notices).toEqual([])
  })
})

describe('real-world corpus: exact findings per file', () => {
  for (const entry of manifest.files) {
    it(`${entry.file}${entry.trap ? ' (trap: no errors)' : ''}`, () => {
      const path = `${ROOT}/${entry.file}`
      const found = report.findings.filter((f) => f.page === path)
      const expected = entry.expect.map(([head, needle, ids]) => `${head} ${at(path, needle)}${ids ? ` [${ids}]` : ''}`)
      expect(found.map(brief)).toEqual(expected)
      if (entry.trap) expect(found.filter((f) => f.severity === 'error')).toEqual([])
      // The catalogued vendors the manifest names are the ones the findings name.
      const vendors = found.map((f) => f.subject.id).filter((id) => !id.startsWith('third-party:'))
      expect([...new Set(vendors)].sort()).toEqual([...new Set(entry.vendors)].sort())
    })
  }
})

describe('real-world corpus: the verdict', () => {
  it('never prints "Clean" for a file with a denied tracker; every trap alone is free of errors', async () => {
    const traps = await auditStatic(
      manifest.files.filter((e) => e.trap).map((e) => `${ROOT}/${e.file}`),
      { allow: ['eu.i.posthog.com', 'eu-assets.i.posthog.com'], jobs: 1 },
    )
    expect(traps.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(formatTable(report)).not.toContain('Clean')
  })
})
