// `firstparty report` throughput and memory: 1,000,000 generated events (the dev store's NDJSON, about 1.6 KB
// each) through the real CLI, next to a bare "read and JSON.parse every line" pass over the same file in the
// same run; then the same file gzipped, twice the events for the same visitors, and fewer visitors.
// Usage: npm run bench:report [-- --events 1000000 --no-gzip]
import { execFileSync, spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { createGzip } from 'node:zlib'
import { generate } from './generate.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback)
const EVENTS = arg('--events', 1_000_000)
const gzip = !process.argv.includes('--no-gzip')
const cli = join(root, 'dist/cli.js')
const rss = join(root, 'bench/report/rss.mjs')
const fmt = (n) => Math.round(n).toLocaleString('en-US')

/** Run node on a script with the RSS probe; returns wall time (ms), peak RSS (MB) and stderr. */
function measure(args) {
  const t0 = performance.now()
  const result = spawnSync(process.execPath, ['--import', rss, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const ms = performance.now() - t0
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`)
  const kb = Number(/fp-bench-maxrss (\d+)/.exec(result.stderr)?.[1])
  return { ms, mb: kb / 1024, stderr: result.stderr, stdout: result.stdout }
}

const dir = mkdtempSync(join(tmpdir(), 'fp-bench-report-'))
const loadAtStart = loadavg()[0]
const rows = []
const row = (what, figure) => {
  rows.push({ what, figure })
  console.log(`  ${what.padEnd(62)} ${figure}`)
}
try {
  const file = join(dir, 'events.ndjson')
  const t0 = performance.now()
  const made = await generate(file, { events: EVENTS, perVisitor: 10 })
  const size = statSync(file).size
  console.log(
    `${fmt(made.events)} events, ${fmt(made.visitors)} visitors, ${fmt(made.signups)} signups, ${(size / 1e6).toFixed(0)} MB (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  )
  console.log(`node ${process.version}, ${cpus().length} cores`)

  // Warm the page cache so both passes read from memory.
  execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 })
  const base = measure([join(root, 'bench/report/baseline.js'), file])
  const report = measure([cli, 'report', file, '--format', 'json'])
  const json = JSON.parse(report.stdout)
  if (json.input.events !== made.events || json.totals.signups !== made.signups)
    throw new Error(`report disagrees with the generator: ${JSON.stringify(json.input)} ${json.totals.signups}`)
  row(
    `report, ${fmt(EVENTS)} events (${(size / 1e6).toFixed(0)} MB NDJSON)`,
    `${(report.ms / 1000).toFixed(2)} s, ${fmt(EVENTS / (report.ms / 1000))} events/s, peak RSS ${report.mb.toFixed(0)} MB`,
  )
  row('bare read + JSON.parse of every line, same file', `${(base.ms / 1000).toFixed(2)} s, peak RSS ${base.mb.toFixed(0)} MB`)
  row('report time / bare parse time', (report.ms / base.ms).toFixed(2))

  // Memory follows visitors, not events: the same file twice is twice the events, the same visitors.
  const twice = measure([cli, 'report', file, file, '--format', 'json'])
  row(
    `report, the file twice (${fmt(2 * EVENTS)} events, same ${fmt(made.visitors)} visitors)`,
    `${(twice.ms / 1000).toFixed(2)} s, peak RSS ${twice.mb.toFixed(0)} MB`,
  )

  const few = join(dir, 'few-visitors.ndjson')
  const fewMade = await generate(few, { events: Math.round(EVENTS / 4), perVisitor: 100, seed: 7 })
  const fewRun = measure([cli, 'report', few, '--format', 'json'])
  const manyPart = join(dir, 'many-visitors.ndjson')
  const manyMade = await generate(manyPart, { events: Math.round(EVENTS / 4), perVisitor: 4, seed: 8 })
  const manyRun = measure([cli, 'report', manyPart, '--format', 'json'])
  row(`report, ${fmt(fewMade.events)} events from ${fmt(fewMade.visitors)} visitors`, `peak RSS ${fewRun.mb.toFixed(0)} MB`)
  row(`report, ${fmt(manyMade.events)} events from ${fmt(manyMade.visitors)} visitors`, `peak RSS ${manyRun.mb.toFixed(0)} MB`)

  if (gzip) {
    const gz = `${file}.gz`
    await pipeline(createReadStream(file), createGzip({ level: 6 }), createWriteStream(gz))
    const zipped = measure([cli, 'report', gz, '--format', 'json'])
    row(
      `report, the same events gzipped (${(statSync(gz).size / 1e6).toFixed(0)} MB)`,
      `${(zipped.ms / 1000).toFixed(2)} s, ${fmt(EVENTS / (zipped.ms / 1000))} events/s, peak RSS ${zipped.mb.toFixed(0)} MB`,
    )
  }

  // The machine is shared: the load says how much of it this run had (times stretch with it; the ratio less so).
  row('load average (1 min) at start / at end of the run', `${loadAtStart.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`)
  const out = join(root, 'bench/results/report.json')
  mkdirSync(join(root, 'bench/results'), { recursive: true })
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), machine: `${cpus().length} cores, node ${process.version}`, command: 'npm run bench:report', rows }, null, 2)}\n`,
  )
  console.log(`written to bench/results/report.json`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
