// firstparty vs the official posthog-js snippet, measured side by side in one run:
// - bytes: the critical path, and the lazy part before (posthog-js/no-external, what firstparty loaded
//   by default until issue #13) and after (the slim no-external build);
// - time from navigation to "first touch stored": firstparty's landing (kept at init), firstparty's
//   attribution cookie (after posthog-js loaded), and posthog-js's own initial person info;
// - time from navigation to the first event at the sink, as a ratio to plain posthog-js.
// Usage: npm run bench:posthog [-- --rounds 9]   (needs `npm run build` first)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { cpus } from 'node:os'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { createHandler, toRequest, sendResponse } from '../../dist/server.js'
import { OFFICIAL_SNIPPET } from './snippet.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 9
const gz = (buf) => gzipSync(buf, { level: 9 }).length
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const rows = []
const report = (what, figure) => {
  rows.push({ what, figure })
  console.log(`  ${what.padEnd(64)} ${figure}`)
}

// --- bytes -----------------------------------------------------------------
const file = (path) => readFileSync(`${root}${path}`)
const ours = gz(file('dist/firstparty.global.js'))
const official = gz(OFFICIAL_SNIPPET) + gz(file('node_modules/posthog-js/dist/array.js'))
console.log('Bytes (min+gzip -9)')
report('critical path: firstparty.global.js', kb(ours))
report('critical path: official snippet + array.js', kb(official))
report('critical path ratio (firstparty / official)', (ours / official).toFixed(3))
// Fetched at init beside the critical path (context, beacon, ids): what a visitor downloads before posthog-js.
const early = gz(file('dist/firstparty.early.js'))
report('early part: firstparty.early.js (fetched at init)', kb(early))
report('before posthog-js, both files (firstparty / official)', ((ours + early) / official).toFixed(3))
// The standard build is exactly what the lazy part was before: posthog-js/no-external + firstparty's lazy code.
const before = gz(file('dist/firstparty.posthog-standard.js'))
const after = gz(file('dist/firstparty.posthog.js'))
report('lazy part before (posthog-js/no-external + firstparty)', kb(before))
report('lazy part after (slim no-external + firstparty, the default)', kb(after))
report('lazy part after / before', (after / before).toFixed(3))

// --- timing ----------------------------------------------------------------
const token = 'phc_bench'
// Each page reports, through console, when its first touch is stored: checked at once, then every millisecond.
const watch = (test) => `<script>(function poll(){ if (${test}) console.log('stored ' + performance.now()); else setTimeout(poll, 1) })()</script>`
const pages = {
  '/ours.html': `<!doctype html><html><head><title>ours</title><script src="/firstparty/firstparty.global.js"></script>
<script>firstparty.init({ token: '${token}', apiHost: '/ingest' })</script>
${watch(`document.cookie.includes('fp_landing=')`)}${watch(`document.cookie.includes('fp_touch=')`).replace("'stored '", "'touch '")}</head><body><h1>ours</h1></body></html>`,
  '/plain.html': `<!doctype html><html><head><title>plain</title><script>${OFFICIAL_SNIPPET}
posthog.init('${token}', { api_host: '/ingest', disable_external_dependency_loading: true, advanced_disable_flags: true, disable_surveys: true, disable_session_recording: true, autocapture: false })</script>
${watch(`(localStorage.getItem('ph_${token}_posthog') || '').includes('$initial_person_info')`)}</head><body><h1>plain</h1></body></html>`,
}
const waiters = new Map()
const sink = createHandler({
  log: () => {},
  onEvent(event) {
    const page = String(event.properties.$current_url ?? '')
      .split('/')
      .pop()
      .split('?')[0]
    if (event.event === '$pageview') waiters.get(page)?.(performance.now())
  },
})
const arrayJs = file('node_modules/posthog-js/dist/array.js')
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname
  if (path === '/ingest/static/array.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(arrayJs)
  if (path.startsWith('/ingest')) return void sink(toRequest(req)).then((r) => sendResponse(res, r))
  if (path.startsWith('/firstparty/')) {
    try {
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(file(`dist/${path.slice(12)}`))
    } catch {
      return res.writeHead(404).end()
    }
  }
  if (pages[path]) return res.writeHead(200, { 'content-type': 'text/html' }).end(pages[path])
  res.writeHead(404).end()
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const origin = `http://127.0.0.1:${server.address().port}`
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium'
const browser = await chromium.launch({
  executablePath,
  ignoreDefaultArgs: ['--enable-automation'],
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-blink-features=AutomationControlled',
  ],
})
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'

async function once(page) {
  const context = await browser.newContext({ userAgent: UA })
  const tab = await context.newPage()
  const marks = {}
  const both = new Promise((resolve) => {
    tab.on('console', (m) => {
      const [name, at] = m.text().split(' ')
      if (name === 'stored' || name === 'touch') marks[name] ??= Number(at)
      if (marks.stored !== undefined && (page === 'plain.html' || marks.touch !== undefined)) resolve()
    })
  })
  const received = new Promise((r) => waiters.set(page, r))
  const start = performance.now()
  await tab.goto(`${origin}/${page}?utm_source=bench`)
  const timeout = (ms) => new Promise((r) => setTimeout(() => r(NaN), ms))
  const at = await Promise.race([received, timeout(15000)])
  await Promise.race([both, timeout(15000)])
  await context.close()
  return { firstEvent: at - start, stored: marks.stored ?? NaN, touch: marks.touch ?? NaN }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = { 'ours.html': [], 'plain.html': [] }
await once('ours.html') // warm-up: the first Chromium context is always slow
await once('plain.html')
for (let i = 0; i < rounds; i++) {
  // Interleaved so machine noise hits both alike.
  for (const page of i % 2 ? ['plain.html', 'ours.html'] : ['ours.html', 'plain.html']) results[page].push(await once(page))
}
const chromiumVersion = `Chromium ${browser.version()}`
await browser.close()
server.close()

const m = (page, key) => median(results[page].map((r) => r[key]))
console.log(`Navigation → first touch stored (median of ${rounds}, interleaved, same run; page timeline, ms)`)
report('firstparty: landing kept at init (fp_landing)', `${m('ours.html', 'stored').toFixed(0)} ms`)
report('firstparty: touches after posthog-js loaded (fp_touch)', `${m('ours.html', 'touch').toFixed(0)} ms`)
report('plain posthog-js: $initial_person_info persisted', `${m('plain.html', 'stored').toFixed(0)} ms`)
report('landing kept / plain posthog-js initial info', (m('ours.html', 'stored') / m('plain.html', 'stored')).toFixed(3))
console.log(`Navigation → first event at the sink (median of ${rounds}, interleaved, same run)`)
report('firstparty (loads posthog-js on idle)', `${m('ours.html', 'firstEvent').toFixed(0)} ms`)
report('official snippet (loads at once)', `${m('plain.html', 'firstEvent').toFixed(0)} ms`)
report('first event ratio (firstparty / plain posthog-js)', (m('ours.html', 'firstEvent') / m('plain.html', 'firstEvent')).toFixed(2))

mkdirSync(`${root}bench/results`, { recursive: true })
const out = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores, node ${process.version}, ${chromiumVersion}`,
  command: 'npm run bench:posthog',
  rows,
}
writeFileSync(`${root}bench/results/posthog.json`, `${JSON.stringify(out, null, 2)}\n`)
console.log('→ bench/results/posthog.json')
