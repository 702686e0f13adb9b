// Link tagging throughput: a 10,000-creator registry validated and built, in-process and through the CLI.
// Usage: npm run bench:links [-- --rounds 7]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildLinks, validateRegistry } from '../../dist/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 7
const CREATORS = 10_000

// Codes from an alphabet without look-alikes, so the registry is valid.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
const codeOf = (n) => {
  let s = ''
  do s += alphabet[n % alphabet.length]
  while ((n = Math.floor(n / alphabet.length)) > 0)
  return `cr${s}`
}
const registryOf = (n, campaigns) => ({
  allowedDomains: ['acme.dev'],
  campaigns: Array.from({ length: campaigns }, (_, i) => ({
    id: `Campaign ${i}`,
    name: `Campaign ${i}`,
    medium: 'affiliate',
    landing: `https://acme.dev/c${i}`,
  })),
  creators: Array.from({ length: n }, (_, i) => ({
    id: `creator-${i}`,
    name: `Creator ${i}`,
    platform: ['YouTube', 'X', 'Newsletter'][i % 3],
    channel: 'influencer',
    code: codeOf(i),
  })),
})
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (n) => `${n.toFixed(1)} ms`
const rate = (count, millis) => `${Math.round((count / millis) * 1000).toLocaleString('en-US')} links/s`

const dir = mkdtempSync(join(tmpdir(), 'fp-bench-links-'))
try {
  const text = JSON.stringify(registryOf(CREATORS, 1), null, 2)
  const file = join(dir, 'firstparty.links.json')
  writeFileSync(file, text)

  // In-process: parse + validate (with line numbers) + build, as the CLI does minus I/O.
  const times = { validate: [], build: [], total: [] }
  let links = []
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now()
    const registry = JSON.parse(text)
    const findings = validateRegistry(registry, { file, text })
    const t1 = performance.now()
    links = buildLinks(registry)
    const t2 = performance.now()
    if (findings.length) throw new Error(`bench registry is invalid: ${findings[0].message}`)
    times.validate.push(t1 - t0)
    times.build.push(t2 - t1)
    times.total.push(t2 - t0)
  }
  console.log(
    `${CREATORS.toLocaleString('en-US')} creators × 1 campaign = ${links.length.toLocaleString('en-US')} links (median of ${rounds} rounds, node ${process.version})`,
  )
  console.log(`  parse + validate   ${ms(median(times.validate))}`)
  console.log(`  build links        ${ms(median(times.build))}   ${rate(links.length, median(times.build))}`)
  console.log(`  total              ${ms(median(times.total))}   ${rate(links.length, median(times.total))}`)

  // Through the real CLI: process start, file read, validation, CSV written.
  const cli = join(root, 'dist/cli.js')
  const wall = []
  for (let r = 0; r < Math.min(rounds, 5); r++) {
    const t0 = performance.now()
    execFileSync(process.execPath, [cli, 'links', 'build', file, '--out', join(dir, 'out'), '--format', 'csv'], { stdio: 'ignore' })
    wall.push(performance.now() - t0)
  }
  console.log(`CLI: firstparty links build (10,000 links → CSV), wall time incl. node start`)
  console.log(`  ${ms(median(wall))}   ${rate(links.length, median(wall))}`)

  // QR codes are the slow part: measured on 500 links.
  const small = join(dir, 'small.json')
  writeFileSync(small, JSON.stringify(registryOf(500, 1)))
  const t0 = performance.now()
  execFileSync(process.execPath, [cli, 'links', 'build', small, '--out', join(dir, 'qr-out'), '--qr'], { stdio: 'ignore' })
  const qrMs = performance.now() - t0
  console.log(`CLI with --qr: 500 links + 500 SVG QR codes in ${ms(qrMs)} (${rate(500, qrMs).replace('links', 'QR codes')})`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
