// Load through the proxy and the dev sink: 10,000 captures at concurrency 100, on loopback only.
// Prints delivered-exactly-once, req/s as a ratio to hitting the upstream directly in the same run, the p99
// latency the proxy adds, and the RSS growth of the server process. Not a test: figures only.
// Usage: npm run bench:proxy [-- --requests 10000 --concurrency 100 --rounds 2]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { Agent, createServer, request } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const arg = (name, fallback) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback
const REQUESTS = arg('requests', 10_000)
const CONCURRENCY = arg('concurrency', 100)
const ROUNDS = arg('rounds', 2)
const root = fileURLToPath(new URL('../../', import.meta.url))

// --- the PostHog stand-in: answers 200 and counts every uuid it receives ------------------------------
const seen = new Map()
const upstream = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    try {
      for (const e of JSON.parse(Buffer.concat(chunks).toString()).batch) seen.set(e.uuid, (seen.get(e.uuid) ?? 0) + 1)
    } catch {}
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}')
  })
})
upstream.keepAliveTimeout = 30_000
await new Promise((r) => upstream.listen(0, '127.0.0.1', r))
const upstreamUrl = `http://127.0.0.1:${upstream.address().port}`

function startChild(args, pattern) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      const m = pattern.exec(out)
      if (m) resolve({ child, url: m[1] })
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

/** Send `REQUESTS` single-event batches at `CONCURRENCY`; returns req/s and latency percentiles. */
async function load(base, tag) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const latencies = []
  let failed = 0
  let next = 0
  const one = (i) =>
    new Promise((resolve) => {
      const body = JSON.stringify({
        api_key: 'phc_bench',
        batch: [{ event: 'load', uuid: `${tag}-${i}`, properties: { distinct_id: `v${i % 500}`, $current_url: 'https://acme.dev/' } }],
      })
      const started = process.hrtime.bigint()
      const req = request(
        `${base}/e/`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode !== 200) failed++
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
            resolve()
          })
        },
      )
      req.on('error', () => {
        failed++
        resolve()
      })
      req.end(body)
    })
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) await one(next++)
    }),
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]
  return { rps: REQUESTS / seconds, p50: pct(50), p99: pct(99), failed }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const exactlyOnce = (tag) => {
  let once = 0
  let extra = 0
  for (const [uuid, n] of seen) if (uuid.startsWith(`${tag}-`)) n === 1 ? once++ : extra++
  return { once, extra }
}

console.log(
  `bench/proxy: ${REQUESTS} captures at concurrency ${CONCURRENCY}, ${ROUNDS} interleaved rounds, ${cpus().length} cores, node ${process.version}, load ${loadavg()[0].toFixed(1)}`,
)

// --- the proxy ------------------------------------------------------------------------------------------
const proxy = await startChild([join(root, 'bench/proxy/proxy-server.js'), upstreamUrl], /firstparty proxy: (http:\/\/\S+)/)
await load(`${proxy.url}/ingest`, 'warm') // JIT and sockets warm, not counted
const proxyStart = memoryOf(proxy.child.pid)
const direct = []
const proxied = []
for (let round = 0; round < ROUNDS; round++) {
  direct.push(await load(upstreamUrl, `direct${round}`))
  proxied.push(await load(`${proxy.url}/ingest`, `proxy${round}`))
}
const proxyEnd = memoryOf(proxy.child.pid)
proxy.child.kill()
const delivered = Array.from({ length: ROUNDS }, (_, r) => exactlyOnce(`proxy${r}`))
const deliveredOnce = delivered.reduce((n, d) => n + d.once, 0)
const duplicates = delivered.reduce((n, d) => n + d.extra, 0)
const proxyFailed = proxied.reduce((n, r) => n + r.failed, 0)

const rpsRatio = median(proxied.map((r) => r.rps)) / median(direct.map((r) => r.rps))
const addedP99 = median(proxied.map((r) => r.p99)) - median(direct.map((r) => r.p99))
console.log('Proxy (toNodeListener → local upstream)')
console.log(`  delivered exactly once   ${deliveredOnce} of ${REQUESTS * ROUNDS} (duplicates ${duplicates}, failed ${proxyFailed})`)
console.log(`  req/s direct             ${median(direct.map((r) => r.rps)).toFixed(0)}`)
console.log(`  req/s through the proxy  ${median(proxied.map((r) => r.rps)).toFixed(0)}   ratio ${rpsRatio.toFixed(2)}`)
console.log(
  `  p99 direct / proxied     ${median(direct.map((r) => r.p99)).toFixed(1)} ms / ${median(proxied.map((r) => r.p99)).toFixed(1)} ms   added ${addedP99.toFixed(1)} ms`,
)
console.log(
  `  RSS after warm-up / end  ${proxyStart.rss.toFixed(0)} MB / ${proxyEnd.rss.toFixed(0)} MB   growth ${(proxyEnd.rss - proxyStart.rss).toFixed(0)} MB (peak ${proxyEnd.peak.toFixed(0)} MB)`,
)

// --- the dev sink with its store --------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'fp-bench-sink-'))
const store = join(dir, 'events.ndjson')
const sink = await startChild([join(root, 'dist/cli.js'), 'dev', '--port', '0', '--store', store, '--quiet'], /(http:\/\/127\.0\.0\.1:\d+)/)
await load(`${sink.url}/ingest`, 'sinkwarm')
const sinkStart = memoryOf(sink.child.pid)
const sinkRun = await load(`${sink.url}/ingest`, 'sink')
const sinkEnd = memoryOf(sink.child.pid)
sink.child.kill()
const lines = readFileSync(store, 'utf8').split('\n').filter(Boolean)
const uuids = new Map()
let broken = 0
for (const line of lines) {
  try {
    const id = JSON.parse(line).uuid
    uuids.set(id, (uuids.get(id) ?? 0) + 1)
  } catch {
    broken++
  }
}
const sinkOnce = [...uuids].filter(([id, n]) => id.startsWith('sink-') && n === 1).length
console.log('Dev sink (firstparty dev, NDJSON store)')
console.log(`  stored exactly once      ${sinkOnce} of ${REQUESTS} (broken lines ${broken}, failed ${sinkRun.failed})`)
console.log(`  req/s                    ${sinkRun.rps.toFixed(0)}   ratio to the bare upstream ${(sinkRun.rps / median(direct.map((r) => r.rps))).toFixed(2)}`)
console.log(`  p99                      ${sinkRun.p99.toFixed(1)} ms`)
console.log(
  `  RSS after warm-up / end  ${sinkStart.rss.toFixed(0)} MB / ${sinkEnd.rss.toFixed(0)} MB   growth ${(sinkEnd.rss - sinkStart.rss).toFixed(0)} MB (the sink keeps events in memory for /_events)`,
)
upstream.close()

mkdirSync(join(root, 'bench/results'), { recursive: true })
const result = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores, node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
  command: 'npm run bench:proxy',
  rows: [
    {
      what: `proxy: ${REQUESTS} captures ×${ROUNDS} at concurrency ${CONCURRENCY}, delivered exactly once`,
      figure: `${deliveredOnce} of ${REQUESTS * ROUNDS}, ${duplicates} duplicates`,
    },
    { what: 'proxy: req/s through the proxy ÷ req/s to the upstream directly (same run)', figure: rpsRatio.toFixed(2) },
    { what: 'proxy: p99 latency added', figure: `${addedP99.toFixed(1)} ms` },
    { what: 'proxy: RSS growth over the load', figure: `${(proxyEnd.rss - proxyStart.rss).toFixed(0)} MB (peak ${proxyEnd.peak.toFixed(0)} MB)` },
    { what: `dev sink: ${REQUESTS} captures stored exactly once`, figure: `${sinkOnce} of ${REQUESTS}, ${broken} broken lines` },
    { what: 'dev sink: req/s ÷ bare upstream req/s (same run)', figure: (sinkRun.rps / median(direct.map((r) => r.rps))).toFixed(2) },
  ],
}
writeFileSync(join(root, 'bench/results/proxy.json'), `${JSON.stringify(result, null, 2)}\n`)
console.log('wrote bench/results/proxy.json')
