// Critical-path bytes and time-to-first-event: firstparty vs the official posthog-js snippet, same run.
// Usage: npm run bench:posthog [-- --rounds 9]
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { createHandler, toRequest, sendResponse } from '../../dist/server.js'
import { OFFICIAL_SNIPPET } from './snippet.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 9
const gz = (buf) => gzipSync(buf, { level: 9 }).length
const kb = (n) => `${(n / 1024).toFixed(1)} KB`

// --- bytes -----------------------------------------------------------------
const ours = readFileSync(`${root}dist/firstparty.global.js`)
const oursLater = readFileSync(`${root}dist/firstparty.posthog.js`)
const arrayJs = readFileSync(`${root}node_modules/posthog-js/dist/array.js`)
console.log('Critical path (min+gzip -9): what runs before the page is interactive')
console.log(`  firstparty.global.js                  ${kb(gz(ours))}`)
console.log(`  official snippet + array.js (async)   ${kb(gz(OFFICIAL_SNIPPET) + gz(arrayJs))}`)
console.log(`  ratio                                 ${(gz(ours) / (gz(OFFICIAL_SNIPPET) + gz(arrayJs))).toFixed(3)}`)
console.log(`Loaded later, after idle: firstparty.posthog.js ${kb(gz(oursLater))}`)

// --- time to first event -----------------------------------------------------
const token = 'phc_bench'
const pages = {
  '/ours.html': `<!doctype html><html><head><title>ours</title><script src="/firstparty/firstparty.global.js"></script>
<script>firstparty.init({ token: '${token}', apiHost: '/ingest' })</script></head><body><h1>ours</h1></body></html>`,
  '/plain.html': `<!doctype html><html><head><title>plain</title><script>${OFFICIAL_SNIPPET}
posthog.init('${token}', { api_host: '/ingest', disable_external_dependency_loading: true, advanced_disable_flags: true, disable_surveys: true, disable_session_recording: true, autocapture: false })</script></head><body><h1>plain</h1></body></html>`,
}
const waiters = new Map()
const sink = createHandler({
  log: () => {},
  onEvent(event) {
    const page = String(event.properties.$current_url ?? '').split('/').pop()
    if (event.event === '$pageview') waiters.get(page)?.(performance.now())
  },
})
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname
  if (path === '/ingest/static/array.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(arrayJs)
  if (path.startsWith('/ingest')) return void sink(toRequest(req)).then((r) => sendResponse(res, r))
  if (path.startsWith('/firstparty/')) {
    try {
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(`${root}dist/${path.slice(12)}`))
    } catch {
      return res.writeHead(404).end()
    }
  }
  if (pages[path]) return res.writeHead(200, { 'content-type': 'text/html' }).end(pages[path])
  res.writeHead(404).end()
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const origin = `http://127.0.0.1:${server.address().port}`
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  ignoreDefaultArgs: ['--enable-automation'],
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-blink-features=AutomationControlled'],
})
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'

async function once(page) {
  const context = await browser.newContext({ userAgent: UA })
  const tab = await context.newPage()
  const received = new Promise((r) => waiters.set(page, r))
  const start = performance.now()
  await tab.goto(`${origin}/${page}`)
  const interactive = await tab.evaluate(() => performance.getEntriesByType('navigation')[0].domInteractive)
  const at = await Promise.race([received, new Promise((r) => setTimeout(() => r(NaN), 15000))])
  await context.close()
  return { firstEvent: at - start, interactive }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = { 'ours.html': [], 'plain.html': [] }
await once('ours.html') // warm-up: first Chromium context is always slow
await once('plain.html')
for (let i = 0; i < rounds; i++) {
  // Interleaved so machine noise hits both alike.
  for (const page of i % 2 ? ['plain.html', 'ours.html'] : ['ours.html', 'plain.html']) results[page].push(await once(page))
}
await browser.close()
server.close()

const row = (name, list) => {
  const first = median(list.map((r) => r.firstEvent))
  const dom = median(list.map((r) => r.interactive))
  console.log(`  ${name.padEnd(38)} first event ${first.toFixed(0).padStart(5)} ms   domInteractive ${dom.toFixed(0).padStart(4)} ms`)
  return { first, dom }
}
console.log(`Navigation → first event at the sink (median of ${rounds}, interleaved, same run)`)
const a = row('firstparty (loads posthog-js on idle)', results['ours.html'])
const b = row('official snippet (loads at once)', results['plain.html'])
console.log(`  ratio first event (ours / plain)       ${(a.first / b.first).toFixed(2)}`)
console.log(`  ratio domInteractive (ours / plain)    ${(a.dom / b.dom).toFixed(2)}`)
