// `npm run bench:size`: the min+gzip size of every size-limit entry (after a build), written to
// bench/results/size.json for docs/figures.md (`npm run figures`). The budgets stay in .size-limit.cjs.
import { execFileSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const bin = `${root}node_modules/.bin/size-limit`
const entries = JSON.parse(execFileSync(bin, ['--json'], { cwd: root, encoding: 'utf8' }))
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`
const results = {
  date: new Date().toISOString(),
  machine: `${availableParallelism()} cores, node ${process.versions.node}`,
  command: 'npm run build && npm run bench:size',
  rows: entries.map((e) => ({ what: `${e.name} (min+gzip)`, figure: kB(e.size) })),
}
writeFileSync(`${root}bench/results/size.json`, `${JSON.stringify(results, null, 2)}\n`)
for (const row of results.rows) console.log(`${row.figure.padStart(10)}  ${row.what}`)
