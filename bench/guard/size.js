// Where the inline guard's bytes go: dist/guard.global.js as shipped, the same code with an empty catalog
// (the code alone), and each tracker's share of the catalog. Exact: only the catalog literal the build baked
// in is swapped, the minified code is byte for byte the shipped one. Usage: npm run guard:size
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { compactCatalog } from '../../dist/guard.js'
import { TRACKERS } from '../../dist/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const gz = (s) => gzipSync(s, { level: 9 }).length

const shipped = readFileSync(`${root}dist/guard.global.js`, 'utf8')
const guarded = TRACKERS.filter((t) => t.guard !== false)
const literal = JSON.stringify(compactCatalog(TRACKERS))
if (!shipped.includes(literal)) {
  console.error('dist/guard.global.js does not carry the current catalog: run npm run build first')
  process.exit(2)
}
const withCatalog = (trackers) => shipped.replace(literal, JSON.stringify(trackers.length ? compactCatalog(trackers) : ''))

const full = gz(shipped)
const code = gz(withCatalog([]))
const rows = guarded.map((t) => ({ id: t.id, bytes: full - gz(withCatalog(guarded.filter((u) => u !== t))) }))

console.log(`dist/guard.global.js, min+gzip (gzip -9)`)
// The budget is .size-limit.cjs's, checked by `npx size-limit` (its figure reads about 50 B above gzip -9).
console.log(`  as shipped, ${guarded.length} trackers   ${full} B   (budget: npx size-limit)`)
console.log(`  code alone, empty catalog   ${code} B`)
console.log(`  catalog                     ${full - code} B   (${Math.round((full - code) / guarded.length)} B a tracker on average)`)
console.log(`\nEach tracker's share (shipped size minus the size without it):`)
for (const r of rows.sort((a, b) => b.bytes - a.bytes)) console.log(`  ${r.id.padEnd(22)} ${String(r.bytes).padStart(4)} B`)
