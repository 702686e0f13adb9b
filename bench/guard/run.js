// Guard overhead in real Chromium: page load and 1,000 DOM insertions with no guard, our guard and Yett,
// interleaved in the same run, printed as ratios to "no guard". Usage: npm run bench:guard [-- --rounds 15]
// [-- --compare other/guard.global.js] adds another guard build to the same run (e.g. before and after a change).
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { TRACKERS, guardSnippet } from '../../dist/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined)
const rounds = Number(arg('--rounds')) || 15
const compare = arg('--compare')
const gz = (s) => gzipSync(s, { level: 9 }).length

const guardJs = readFileSync(`${root}dist/guard.global.js`, 'utf8')
const yettJs = readFileSync(`${root}node_modules/yett/dist/yett.min.js`, 'utf8')
// Yett blocks by regex over script URLs: give it the same catalog hosts.
const escape = (h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const yettList = `[${TRACKERS.flatMap((t) => t.hosts).map((h) => `/${escape(escape(h)).replace(/\//g, '\\/')}/`).join(',')}]`

const heads = {
  none: '',
  guard: guardSnippet({ dev: false, source: guardJs }),
  yett: `<script>window.YETT_BLACKLIST = ${yettList}</script><script>${yettJs}</script>`,
  ...(compare ? { compare: guardSnippet({ dev: false, source: readFileSync(compare, 'utf8') }) } : {}),
}
// A marketing page: long article, many elements, own-origin images and a few inline scripts.
const article = Array.from({ length: 400 }, (_, i) =>
  `<section><h2>Section ${i}</h2><p>Copy <a href="/p/${i}">link</a> <em>text</em></p><img src="/img.svg" alt="" width="1" height="1"></section>`).join('')
const inline = Array.from({ length: 10 }, (_, i) => `<script>window.v${i} = ${i}</script>`).join('')
const page = (kind) => `<!doctype html><html><head><meta charset="utf-8">${heads[kind]}<title>${kind}</title>${inline}</head>
<body><main id="m">${article}</main><div id="box"></div><script>
window.insert = async () => {
  const box = document.getElementById('box'), t0 = performance.now()
  for (let i = 0; i < 1000; i++) {
    const d = document.createElement('div'); d.className = 'card'
    const s = document.createElement('span'); s.textContent = 'item ' + i; d.appendChild(s)
    if (i % 10 === 0) { const im = document.createElement('img'); im.src = '/img.svg'; d.appendChild(im) }
    box.appendChild(d)
  }
  await Promise.resolve() // let MutationObserver callbacks (guard, Yett) run
  return performance.now() - t0
}
</script></body></html>`

const server = createServer((req, res) => {
  const kind = req.url.slice(1).replace('.html', '')
  if (heads[kind] !== undefined) return res.writeHead(200, { 'content-type': 'text/html' }).end(page(kind))
  if (req.url === '/img.svg') return res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>')
  res.writeHead(404).end()
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const samples = Object.fromEntries(Object.keys(heads).map((k) => [k, { load: [], insert: [] }]))
for (let r = 0; r < rounds + 1; r++) {
  for (const kind of Object.keys(heads)) {
    const context = await browser.newContext()
    const p = await context.newPage()
    await p.goto(`${base}/${kind}.html`, { waitUntil: 'load' })
    const load = await p.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventStart)
    const insert = await p.evaluate(() => window.insert())
    await context.close()
    if (r === 0) continue // warm-up round
    samples[kind].load.push(load)
    samples[kind].insert.push(insert)
  }
}
await browser.close()
server.close()

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
const ms = (x) => `${x.toFixed(1)} ms`
console.log(`Guard overhead, Chromium, median of ${rounds} interleaved rounds (same run)`)
console.log(`  inline size, min+gzip -9: guard ${gz(guardJs)} B, Yett ${gz(yettJs)} B (+ its blacklist ${gz(heads.yett) - gz(yettJs)} B)`)
if (compare) console.log(`  compare: ${compare}, ${gz(readFileSync(compare, 'utf8'))} B`)
console.log('                      page load (loadEventStart)      1,000 insertions')
for (const kind of Object.keys(heads)) {
  const l = median(samples[kind].load)
  const i = median(samples[kind].insert)
  const rl = (l / median(samples.none.load)).toFixed(3)
  const ri = (i / median(samples.none.insert)).toFixed(3)
  console.log(`  ${kind.padEnd(8)} ${ms(l).padStart(12)}  ×${rl}        ${ms(i).padStart(10)}  ×${ri}`)
}
