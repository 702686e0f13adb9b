// Benchmark of the tracker audit. Prints figures, asserts nothing about time.
//   npm run bench:audit -- [--pages 10000] [--mixed 3000] [--rounds 3] [--live-pages 12] [--no-live]
// Runs the package build in dist/ (npm run bench:audit builds it first):
// 1. writes a synthetic corpus; 2. times a bare htmlparser2 parse of the same files vs the static audit
//    (1 thread and all cores) in this process; 3. times the CLI as CI runs it, `node dist/cli.js audit <dir>`,
//    from spawn to exit on a mixed corpus; 4. times the live audit per page on 127.0.0.1 (tracker hosts
//    answered locally, nothing leaves the machine).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { Parser } from 'htmlparser2'
import { page, writeCorpus } from './corpus.mjs'
import { writeMixedCorpus } from './mixed.mjs'

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '10000' },
    mixed: { type: 'string', default: '3000' },
    'live-pages': { type: 'string', default: '12' },
    rounds: { type: 'string', default: '3' },
    'no-live': { type: 'boolean', default: false },
  },
})
const MIXED = Number(values.mixed)
const rows = []
const PAGES = Number(values.pages)
const LIVE_PAGES = Number(values['live-pages'])
const ROUNDS = Number(values.rounds)
const CLI = resolve('dist/cli.js')
if (!existsSync(CLI) || !existsSync(resolve('dist/audit.js'))) {
  console.error('bench/audit: dist/ is missing; run `npm run build` first (npm run bench:audit does)')
  process.exit(2)
}
const tmp = mkdtempSync(join(tmpdir(), 'fp-bench-audit-'))

// Read the way the audit reads (synchronously, whole small files), so the ratio compares parsing and scanning.
async function bareParse(files) {
  let tags = 0
  for (const file of files) {
    const parser = new Parser(
      {
        onopentag() {
          tags++
        },
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    )
    parser.write(readFileSync(file, 'utf8'))
    parser.end()
  }
  return tags
}

const fmt = (n) => Math.round(n).toLocaleString('en-US')

const audit = await import(pathToFileURL(resolve('dist/audit.js')).href)
const site = join(tmp, 'site')
const files = writeCorpus(site, PAGES)
const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0)
console.log(
  `corpus: ${fmt(PAGES)} pages, ${(bytes / 1024 / 1024).toFixed(1)} MB (avg ${(bytes / PAGES / 1024).toFixed(1)} KB); ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
)

// Interleaved rounds, so a busy neighbour slows every method alike; the median round counts. CPU time
// (all threads of this process) is reported next to wall time: on a shared machine it is the steadier figure.
const timings = { bare: [], one: [], all: [] }
const results = {}
async function measure(key, fn) {
  const cpu = process.cpuUsage()
  const t = performance.now()
  results[key] = await fn()
  const used = process.cpuUsage(cpu)
  timings[key].push({ wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6 })
}
for (let r = 0; r < ROUNDS; r++) {
  await measure('bare', () => bareParse(files))
  await measure('one', () => audit.auditStatic([site], { jobs: 1 }))
  await measure('all', () => audit.auditStatic([site], { jobs: availableParallelism() }))
}
const median = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const m = Object.fromEntries(Object.entries(timings).map(([k, xs]) => [k, { wall: median(xs, 'wall'), cpu: median(xs, 'cpu') }]))
const errors = (r) => r.findings.filter((f) => f.severity === 'error').length
console.log(
  `\nstatic audit (median of ${ROUNDS} interleaved rounds; ${fmt(PAGES / 10)} pages carry a tracker or embed; load average ${loadavg()[0].toFixed(1)}):`,
)
console.log(`  ${''.padEnd(40)} ${'wall s'.padStart(7)} ${'pages/s'.padStart(8)}  ${'CPU s'.padStart(6)} ${'pages/CPU-s'.padStart(11)}`)
for (const [key, name, note] of [
  ['bare', 'bare htmlparser2 parse (1 thread)', ''],
  ['one', 'firstparty audit, 1 thread', `${errors(results.one)} errors, ${results.one.problems.length} problems`],
  ['all', `firstparty audit, ${availableParallelism()} worker threads`, `${errors(results.all)} errors`],
]) {
  const { wall, cpu } = m[key]
  console.log(
    `  ${name.padEnd(40)} ${wall.toFixed(2).padStart(7)} ${fmt(PAGES / wall).padStart(8)}  ${cpu.toFixed(2).padStart(6)} ${fmt(PAGES / cpu).padStart(11)}  ${note}`,
  )
}
console.log(
  `  ratio audit/bare (pages/s, goal ≥ 0.5): 1 thread ${(m.bare.wall / m.one.wall).toFixed(2)} wall, ${(m.bare.cpu / m.one.cpu).toFixed(2)} CPU; ${availableParallelism()} threads ${(m.bare.wall / m.all.wall).toFixed(2)} wall`,
)
rows.push(
  {
    what: `static audit vs bare htmlparser2 parse, same run, ${fmt(PAGES)} HTML pages, 1 thread (pages/s ratio, wall)`,
    figure: (m.bare.wall / m.one.wall).toFixed(2),
  },
  { what: 'same, CPU time', figure: (m.bare.cpu / m.one.cpu).toFixed(2) },
  { what: `static audit, ${availableParallelism()} worker threads`, figure: `${fmt(PAGES / m.all.wall)} pages/s` },
)

// Whole process: the CLI as CI runs it, `node dist/cli.js audit <dir>`, on a mixed corpus (HTML pages and source
// files of every kind), timed from spawn to exit, its table read from stdout. Its CPU time (all threads, start-up
// included) comes from a one-line preload that reports process.cpuUsage() on exit through fd 3.
const mixedDir = join(tmp, 'mixed')
const mixed = writeMixedCorpus(mixedDir, MIXED)
const reporter = join(tmp, 'report-cpu.mjs')
writeFileSync(
  reporter,
  "import { writeSync } from 'node:fs'\nprocess.on('exit', () => { const c = process.cpuUsage(); writeSync(3, JSON.stringify({ cpu: (c.user + c.system) / 1e6 })) })\n",
)
const spawnOnce = (jobs) =>
  new Promise((resolve, reject) => {
    const t = performance.now()
    const args = ['--import', pathToFileURL(reporter).href, CLI, 'audit', mixedDir, ...(jobs ? ['--jobs', String(jobs)] : [])]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit', 'pipe'] })
    let out = ''
    let cpu = ''
    child.stdout.on('data', (d) => (out += d))
    child.stdio[3].on('data', (d) => (cpu += d))
    child.on('error', reject)
    // Exit 1: the corpus holds trackers, as it should.
    child.on('close', (code) => {
      const summary = /(\d+) files, (\d+) tracker findings/.exec(out)
      if (code !== 1 || !summary) return reject(new Error(`audit exited ${code}: ${out.slice(-300)}`))
      resolve({
        wall: (performance.now() - t) / 1000,
        cpu: JSON.parse(cpu).cpu,
        pages: Number(summary[1]),
        errors: Number(summary[2]),
        lines: out.split('\n').length,
      })
    })
  })
const nodeStart = []
for (let r = 0; r < 3; r++) {
  const t = performance.now()
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).on('exit', resolve))
  nodeStart.push((performance.now() - t) / 1000)
}
const loadBefore = loadavg()[0]
const variants = { auto: [], one: [] }
for (let r = 0; r < ROUNDS; r++) {
  variants.auto.push(await spawnOnce())
  variants.one.push(await spawnOnce(1))
}
const load = loadavg()[0]
console.log(
  `\nwhole process, \`node dist/cli.js audit <dir>\` (median of ${ROUNDS} interleaved): ${fmt(MIXED)} mixed files (${(mixed.bytes / 1024 / 1024).toFixed(1)} MB; a third built HTML pages, the rest components, templates, configs, Markdown, CSS, package.json), node start-up included; bare \`node -e 0\` start ${(nodeStart.sort((a, b) => a - b)[1] * 1000).toFixed(0)} ms; load average ${loadBefore.toFixed(1)} before, ${load.toFixed(1)} after`,
)
rows.push({ what: 'bare `node -e 0` start, same run (how busy the machine was)', figure: `${(nodeStart.sort((a, b) => a - b)[1] * 1000).toFixed(0)} ms` })
for (const [key, label] of [
  ['auto', `default (up to ${availableParallelism()} threads, workers only once the work needs them)`],
  ['one', '--jobs 1'],
]) {
  const mid = median(variants[key], 'wall')
  const cpu = median(variants[key], 'cpu')
  const r0 = variants[key][0]
  console.log(
    `  ${label.padEnd(22)} ${mid.toFixed(2)} s wall → ${fmt(MIXED / mid).padStart(6)} files/s;  ${cpu.toFixed(2)} CPU s → ${fmt(MIXED / cpu).padStart(6)} files/CPU-s  (${r0.pages} files, ${r0.errors} tracker findings, ${r0.lines} lines of table)`,
  )
  rows.push({
    what: `whole process, \`firstparty audit <dir>\` ${label}: ${fmt(MIXED)} mixed files incl. node start-up, wall (shared 2-core machine, load average ${loadBefore.toFixed(1)}–${load.toFixed(1)})`,
    figure: `${fmt(MIXED / mid)} files/s (${mid.toFixed(2)} s)`,
  })
  rows.push({
    what: `whole process, ${label}: same, per CPU-second of the process (all threads)`,
    figure: `${fmt(MIXED / cpu)} files/CPU-s (${cpu.toFixed(2)} CPU s)`,
  })
}
const writeResults = () => {
  mkdirSync('bench/results', { recursive: true })
  // --no-live keeps the live rows of the last run that measured them, labelled with that run's date.
  if (values['no-live'] && existsSync('bench/results/audit.json')) {
    const previous = JSON.parse(readFileSync('bench/results/audit.json', 'utf8'))
    const when = String(previous.date ?? '').slice(0, 10)
    for (const row of previous.rows ?? []) {
      if (!String(row.what).startsWith('live audit')) continue
      rows.push(
        row.what.includes('(carried over from') ? row : { what: `${row.what} (carried over from the ${when} run: ${previous.command})`, figure: row.figure },
      )
    }
  }
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, shared machine: load average ${load.toFixed(1)} during the run`
  writeFileSync(
    'bench/results/audit.json',
    `${JSON.stringify({ date: new Date().toISOString(), machine, command: `npm run bench:audit${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`, rows }, null, 2)}\n`,
  )
}

if (values['no-live']) {
  writeResults()
  rmSync(tmp, { recursive: true, force: true })
  process.exit(0)
}

// Live: the first LIVE_PAGES corpus pages served on 127.0.0.1; tracker hosts answered with empty bodies.
const server = createServer((req, res) => {
  const m = /page-(\d+)\.html/.exec(req.url ?? '')
  if (m) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[1])))
  else res.writeHead(404).end()
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const origin = `http://127.0.0.1:${server.address().port}`
const urls = Array.from({ length: LIVE_PAGES }, (_, i) => `${origin}/page-${i}.html`)
const setupContext = (context) =>
  context.route(
    (u) => u.hostname !== '127.0.0.1',
    (route) => route.fulfill({ status: 200, body: '' }),
  )
console.log(`\nlive audit (${LIVE_PAGES} pages on 127.0.0.1, headless Chromium, fresh context per page, tracker hosts answered locally):`)
for (const [label, opts] of [
  ['default (10 s window fast-forwarded), concurrency 2', { concurrency: 2 }],
  ['concurrency 1', { concurrency: 1 }],
  ['--accept-consent, concurrency 2', { concurrency: 2, acceptConsent: true }],
]) {
  const t = performance.now()
  const report = await audit.auditLive(urls, { ...opts, setupContext, progress: false })
  const s = (performance.now() - t) / 1000
  console.log(
    `  ${label.padEnd(52)} ${s.toFixed(1).padStart(5)} s total  ${(s / LIVE_PAGES).toFixed(2)} s/page  (${report.findings.filter((f) => f.severity === 'error').length} errors, ${report.problems.length} problems; includes browser start)`,
  )
  rows.push({ what: `live audit, ${label} (${LIVE_PAGES} pages on 127.0.0.1, incl. browser start)`, figure: `${(s / LIVE_PAGES).toFixed(2)} s/page` })
}
writeResults()
server.close()
rmSync(tmp, { recursive: true, force: true })
