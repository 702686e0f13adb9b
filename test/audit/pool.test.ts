import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import typescript from '@rollup/plugin-typescript'
import { rollup } from 'rollup'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditStatic } from '../../src/audit/index.js'
import { createPool, defaultJobs, workersPay } from '../../src/audit/static/pool.js'
import type { FileTask } from '../../src/audit/static/file.js'

// Worker threads run built JavaScript: bundle the worker entry the way the package build does.
let out = ''
let workerScript: URL

beforeAll(async () => {
  // Inside the package (so bare imports resolve from node_modules), unique per run (suites may overlap).
  mkdirSync(resolve('node_modules/.cache'), { recursive: true })
  out = mkdtempSync(resolve('node_modules/.cache/fp-test-audit-worker-'))
  const bundle = await rollup({
    input: { 'audit-worker': 'src/audit/static/worker.ts' },
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [typescript({ tsconfig: './tsconfig.json', outDir: out, declaration: false, noEmitOnError: false })],
    onwarn: () => {},
  })
  await bundle.write({ dir: out, format: 'es', entryFileNames: '[name].js' })
  workerScript = pathToFileURL(join(out, 'audit-worker.js'))
}, 120_000)
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('static audit in worker threads', () => {
  it('gives the same pages, findings and notices, in the same order, as one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-pool-'))
    for (let i = 0; i < 700; i++) {
      const folder = join(dir, `s${Math.floor(i / 100)}`)
      mkdirSync(folder, { recursive: true })
      const tracker = i % 7 === 0 ? `<script async src="https://www.googletagmanager.com/gtag/js?id=G-POOL${String(i).padStart(6, '0')}"></script>` : ''
      writeFileSync(join(folder, `p${i}.html`), i === 351 ? Buffer.from([0xc3, 0x28]) : `<!doctype html><title>${i}</title>\n${tracker}<p>page ${i}</p>`)
    }
    const one = await auditStatic([dir], { jobs: 1, workerScript: false })
    const many = await auditStatic([dir], { jobs: 3, workerScript })
    expect(one.findings).toHaveLength(100)
    // The invalid UTF-8 page is audited with a notice (decoded as a browser would), in either mode.
    expect(one.problems).toEqual([])
    expect(one.notices).toHaveLength(1)
    expect(many.pages).toEqual(one.pages)
    expect(many.findings).toEqual(one.findings)
    expect(many.notices).toEqual(one.notices)
  })

  it('a worker that fails while the walk is still going is an error of the audit, not a hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-pool-bad-'))
    for (let i = 0; i < 800; i++) writeFileSync(join(dir, `p${i}.html`), `<p>${i}</p>`)
    const bad = join(mkdtempSync(join(tmpdir(), 'fp-audit-bad-worker-')), 'bad-worker.mjs')
    writeFileSync(bad, "throw new Error('worker failed at start-up')\n")
    await expect(auditStatic([dir], { jobs: 2, workerScript: pathToFileURL(bad) })).rejects.toThrow('worker failed at start-up')
    // The same directory audits fine in this thread.
    expect((await auditStatic([dir], { jobs: 1 })).pages).toHaveLength(800)
  })

  it('with the default thread count, workers start during the scan only when the work left is seen to need them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-pool-late-'))
    const files: FileTask[] = Array.from({ length: 300 }, (_, i) => {
      const path = join(dir, `p${i}.html`)
      writeFileSync(
        path,
        i % 5 ? `<p>${i}</p>` : `<script async src="https://www.googletagmanager.com/gtag/js?id=G-LATE${String(i).padStart(4, '0')}"></script>`,
      )
      return { path, page: `p${i}.html`, kind: 'html' }
    })
    const bad = join(mkdtempSync(join(tmpdir(), 'fp-audit-late-worker-')), 'bad-worker.mjs')
    writeFileSync(bad, "throw new Error('late worker failed at start-up')\n")
    const scan = (workerScript: URL, payAboveMs: number) =>
      createPool({ allow: [], jobs: 2, workerScript, startWorkers: { sampleMs: 0, payAboveMs } }).scan(files)
    // Not worth it: no worker starts (the failing one would fail the scan), everything is scanned here.
    const alone = await scan(pathToFileURL(bad), Number.POSITIVE_INFINITY)
    expect(alone.filter((r) => 'findings' in r && r.findings.length)).toHaveLength(60)
    // Worth it: the worker starts after the first batch, and its failure is the scan's, not a hang.
    await expect(scan(pathToFileURL(bad), 0)).rejects.toThrow('late worker failed at start-up')
    // A worker started late gives the results one thread gives, in order.
    expect(await scan(workerScript, 0)).toEqual(alone)
  })

  it('workers pay when the rate so far projects more work left than the threshold, once the sample is long enough', () => {
    expect(workersPay(100, 500, 5000)).toBe(true) // 1,000 ms left
    expect(workersPay(100, 500, 4000)).toBe(false) // 800 ms left
    expect(workersPay(30, 100, 100_000)).toBe(false) // too early to trust the rate
    expect(workersPay(100, 0, 5000)).toBe(false)
    expect(workersPay(10, 10, 10, 0, 0)).toBe(true)
    expect(workersPay(10, 10, 0, 0, 0)).toBe(false) // nothing left
  })

  it('the default thread count is the idle cores: at least this thread, at most the CPUs', () => {
    const jobs = defaultJobs()
    expect(Number.isInteger(jobs)).toBe(true)
    expect(jobs).toBeGreaterThanOrEqual(1)
    expect(jobs).toBeLessThanOrEqual(availableParallelism())
  })
})
