// Guard overhead in real Chromium, four workloads, with no guard, our guard, Yett, four floors (plain pass-through
// wrappers around the same native DOM calls; those reading each inserted node's tag and document; the plain ones
// plus an inert parse of loadable HTML; an empty MutationObserver during the parse) and optionally another guard
// build, interleaved in the same run (the order rotates each round) and printed as medians and ratios to "no guard":
//   (a) page load of a long article page (loadEventStart);
//   (b) 1,000 React-style insertions: createElement, setAttribute, appendChild/insertBefore, an image every tenth;
//   (c) 2,000 insertions with an innerHTML each, an image every tenth;
//   (d) total blocking time during the load of the article page (long tasks up to loadEventEnd, each over 50 ms).
// Usage: npm run bench:guard [-- --rounds 15] [-- --reps 9] [-- --warmup 3] [-- --pairs 40] [-- --compare other/guard.global.js] [-- --out bench/results/guard.json]
// --reps: runs of each DOM workload per page (alternating, the page's median): (b) and (c) take 10 to 50 ms, so one
// run is at the mercy of a single GC or a scheduler tick on a shared machine.
// --warmup: runs of each DOM workload per page before those, not counted. Without them a page's median depends on
// what the JIT has done by then (most likely when V8's optimising compiler finishes on a busy machine): one build's
// pages fall into a fast and a slow group, and a run's median flipped with how many pages landed in each.
// --pairs: adjacent hooked/native pairs of each DOM workload per page for the in-page A/B (after --warmup pairs).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { dirname } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { TRACKERS, guardSnippet } from '../../dist/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined)
const rounds = Number(arg('--rounds')) || 15
const reps = Number(arg('--reps')) || 9
const warmup = Number(arg('--warmup') ?? 3)
if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`bench/guard: --warmup takes a whole number of runs, not ${arg('--warmup')}`)
const pairs = Number(arg('--pairs') ?? 40)
if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`bench/guard: --pairs takes a whole number of pairs from 1, not ${arg('--pairs')}`)
const compare = arg('--compare')
const out = arg('--out') ?? `${root}bench/results/guard.json`
const gz = (s) => gzipSync(s, { level: 9 }).length

const guardJs = readFileSync(`${root}dist/guard.global.js`, 'utf8')
const yettJs = readFileSync(`${root}node_modules/yett/dist/yett.min.js`, 'utf8')
// Yett blocks by regex over script URLs: give it the same catalog hosts.
const escape = (h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const yettList = `[${TRACKERS.flatMap((t) => t.hosts)
  .map((h) => `/${escape(escape(h)).replace(/\//g, '\\/')}/`)
  .join(',')}]`
// The floor: the hot methods and the innerHTML setter replaced by plain functions that only call the native one.
const floor = `<script>(function(){
  var wrap = function (proto, names) { names.forEach(function (name) { var native = proto[name]; proto[name] = function () { return native.apply(this, arguments) } }) }
  wrap(Node.prototype, ['appendChild', 'insertBefore']); wrap(Element.prototype, ['setAttribute', 'append'])
  var d = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML'), set = d.set
  d.set = function (v) { set.call(this, v) }; Object.defineProperty(Element.prototype, 'innerHTML', d)
})()</script>`

// The insertion floor: the same plain wrappers, reading each argument's tag and document first. That is the least
// any vetting of an insertion reads (is it an element, is it one of this document's); a guard cannot know what a
// node would load without it.
const reads = floor.replace(
  'proto[name] = function () { return native.apply(this, arguments) }',
  'proto[name] = function () { for (var i = 0; i < arguments.length; i++) { var n = arguments[i]; n && n.localName && n.ownerDocument } return native.apply(this, arguments) }',
)
if (reads === floor) throw new Error('bench/guard: the insertion floor no longer derives from the floor')

// The vetting floor for HTML strings: the same plain wrappers, plus one inert <template> parse of each string
// that can load something (a URL attribute or a script: how the guard vetted HTML before its scan, which now parses only what it cannot clear), which is how a guard sees
// what a string would fetch before the browser does; nothing is inspected, the string passes through as is.
const parse = floor.replace(
  'd.set = function (v) { set.call(this, v) }',
  "d.set = function (v) { if (/src|href|data|<script/i.test(v)) set.call(document.createElement('template'), v); set.call(this, v) }",
)
if (parse === floor) throw new Error('bench/guard: the parse floor no longer derives from the floor')

// The parse-time floor: a MutationObserver on the document with an empty callback, until DOMContentLoaded (how
// the guard sees what the HTML parser inserts; the records cost the browser even when nothing reads them).
const observer = `<script>(function(){var mo = new MutationObserver(function () {}); mo.observe(document, { childList: true, subtree: true })
  document.addEventListener('DOMContentLoaded', function () { mo.disconnect() })})()</script>`

const heads = {
  none: '',
  guard: guardSnippet({ dev: false, source: guardJs }),
  yett: `<script>window.YETT_BLACKLIST = ${yettList}</script><script>${yettJs}</script>`,
  floor,
  reads,
  parse,
  observer,
  ...(compare ? { compare: guardSnippet({ dev: false, source: readFileSync(compare, 'utf8') }) } : {}),
}
const kinds = Object.keys(heads)

// A long marketing article: many elements, own-origin images, a few inline scripts, and a comments widget that
// renders synchronously during the load (templating with innerHTML and createElement).
const article = Array.from(
  { length: 1500 },
  (_, i) =>
    `<section class="s"><h2 id="h${i}">Section ${i}</h2><p>Copy <a href="/p/${i}">link</a> <em>text</em> <strong>more</strong> text.</p>` +
    `<ul><li>one</li><li>two</li></ul>${i % 5 === 0 ? '<img src="/img.svg" alt="" width="1" height="1">' : ''}</section>`,
).join('\n')
const inline = Array.from({ length: 10 }, (_, i) => `<script>window.v${i} = ${i}</script>`).join('')
const widget = `<script>
  const c = document.getElementById('comments')
  for (let i = 0; i < 600; i++) {
    const d = document.createElement('div'); d.setAttribute('class', 'comment')
    d.innerHTML = '<h3 class="a">Reader ' + i + '</h3><p>Comment <strong>text</strong> number ' + i + '</p>' + (i % 10 === 0 ? '<img src="/img.svg" alt="">' : '')
    c.appendChild(d)
  }
</script>`
// In-page A/B, for (b) and (c): the same page runs each workload once through its hooked DOM and once with the
// natives it had before the guard put back (every own property the head script added or replaced on the objects the
// workloads touch, swapped outside the timed run), so both runs share one page, one JIT state and one workload
// source. Cross-page medians move with each page's JIT (a build's pages fall into a fast and a slow group); this
// ratio does not. Observers the head script left observing (Yett's stays on after the load; ours stops at
// DOMContentLoaded) are disconnected for the native runs and observe again after, so their cost counts too.
const swap = `<script>(function(){
  var observing = new Map(), proto = MutationObserver.prototype, observe = proto.observe, disconnect = proto.disconnect
  proto.observe = function (target, options) { observing.set(this, [target, options]); return observe.call(this, target, options) }
  proto.disconnect = function () { observing.delete(this); return disconnect.call(this) }
  var objects = function () { return [window, document, Document.prototype, Node.prototype, Element.prototype, HTMLElement.prototype]
    .concat(['div', 'li', 'span', 'ul', 'img', 'b'].map(function (tag) { return Object.getPrototypeOf(document.createElement(tag)) })) }
  var own = function (o) { return Object.getOwnPropertyDescriptors(o) }
  var before = objects().map(own)
  window.__hooked = function () {
    var list = objects(), after = list.map(own), changes = []
    var same = function (a, b) { return a && b && a.value === b.value && a.get === b.get && a.set === b.set }
    list.forEach(function (o, i) { Object.keys(after[i]).forEach(function (name) {
      if (name.slice(0, 2) !== '__' && !same(before[i][name], after[i][name])) changes.push([o, name, before[i][name], after[i][name]]) }) })
    window.__use = function (which) {
      changes.forEach(function (c) {
        var d = which === 'native' ? c[2] : c[3]
        if (d) Object.defineProperty(c[0], c[1], d); else delete c[0][c[1]] })
      observing.forEach(function (args, mo) { which === 'native' ? disconnect.call(mo) : observe.apply(mo, args) })
    }
    window.__changes = changes.length
  }
})()</script>`
const page = (kind) => `<!doctype html><html><head><meta charset="utf-8">
<script>window.__lt = []; new PerformanceObserver((l) => window.__lt.push(...l.getEntries())).observe({ type: 'longtask' })</script>
${swap}${heads[kind]}<script>window.__hooked()</script><title>${kind}</title>${inline}</head>
<body><main id="m">${article}</main><div id="comments"></div>${widget}<div id="box"></div><script>
// (b) React-style: elements built with createElement/setAttribute, children appended, the tree mounted at the end.
window.react = async () => {
  const box = document.getElementById('box'); box.textContent = ''
  const t0 = performance.now()
  const list = document.createElement('ul')
  for (let i = 0; i < 1000; i++) {
    const li = document.createElement('li'); li.setAttribute('class', 'row'); li.setAttribute('data-key', String(i))
    const label = document.createElement('span'); label.setAttribute('class', 'label'); label.appendChild(document.createTextNode('item ' + i))
    li.appendChild(label)
    if (i % 10 === 0) { const img = document.createElement('img'); img.setAttribute('src', '/img.svg'); img.setAttribute('alt', ''); li.appendChild(img) }
    list.insertBefore(li, null)
  }
  box.appendChild(list)
  await Promise.resolve() // let MutationObserver callbacks (Yett's) run
  return performance.now() - t0
}
// (c) innerHTML per insertion (templating, jQuery, v-html), an image every tenth.
window.templated = async () => {
  const box = document.getElementById('box'); box.textContent = ''
  const t0 = performance.now()
  for (let i = 0; i < 2000; i++) {
    const d = document.createElement('div')
    d.innerHTML = i % 10 === 0 ? '<img src="/img.svg" alt=""><span class="t">Item ' + i + '</span>' : '<span class="t">Item ' + i + '</span> <b>' + i + '</b>'
    box.appendChild(d)
  }
  await Promise.resolve()
  return performance.now() - t0
}
</script></body></html>`

const server = createServer((req, res) => {
  const kind = req.url.slice(1).replace('.html', '')
  // Cross-origin isolated pages: performance.now() then steps by 5 µs instead of 100 µs, finer than the
  // differences the in-page A/B looks for.
  if (heads[kind] !== undefined)
    return res
      .writeHead(200, { 'content-type': 'text/html', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' })
      .end(page(kind))
  if (req.url === '/img.svg')
    return res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>')
  res.writeHead(404).end()
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`

const load0 = loadavg()[0]
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
const WORKLOADS = ['load', 'react', 'templated', 'tbt']
const samples = Object.fromEntries(kinds.map((k) => [k, Object.fromEntries(WORKLOADS.map((w) => [w, []]))]))
const inPage = Object.fromEntries(kinds.map((k) => [k, { react: [], templated: [] }]))
for (let r = 0; r < rounds + 1; r++) {
  const order = [...kinds.slice(r % kinds.length), ...kinds.slice(0, r % kinds.length)]
  for (const kind of order) {
    const context = await browser.newContext()
    const p = await context.newPage()
    await p.goto(`${base}/${kind}.html`, { waitUntil: 'load', timeout: 180_000 })
    const { load, tbt } = await p.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const during = window.__lt.filter((t) => t.startTime < nav.loadEventEnd)
      return { load: nav.loadEventStart, tbt: during.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0) }
    })
    // `reps` runs of each DOM workload per page, alternating, after `warmup` not counted; the page's median.
    // One evaluate per page: a round trip per run costs more than some runs, and lets the page idle in between.
    const { react, templated } = await p.evaluate(
      async ([warmup, reps]) => {
        const out = { react: [], templated: [] }
        for (let i = 0; i < warmup + reps; i++) {
          const b = await window.react()
          const c = await window.templated()
          if (i >= warmup) out.react.push(b), out.templated.push(c)
        }
        return out
      },
      [warmup, reps],
    )
    // A guard build that replaced nothing the swap sees would make its A/B a comparison of natives with natives.
    if (kind === 'guard' && !(await p.evaluate(() => window.__changes)))
      throw new Error('bench/guard: the in-page A/B found no DOM property the guard replaced (check the objects it swaps)')
    // The in-page A/B: adjacent hooked and native runs (which goes first alternates), `pairs` of each workload; the
    // page's figure is the median of the pairs' ratios. A pair's two runs share a page, a JIT state and a moment of
    // the machine's load; a ratio of medians mixes runs far apart and moved "none" by up to ×1.3 here.
    const ab = await p.evaluate(
      async ([warmup, pairs]) => {
        const ratios = { react: [], templated: [] }
        for (let i = 0; i < warmup + pairs; i++) {
          for (const w of ['react', 'templated']) {
            const t = {}
            for (const which of i % 2 ? ['native', 'hooked'] : ['hooked', 'native']) {
              window.__use(which)
              t[which] = await window[w]()
              window.__use('hooked')
            }
            if (i >= warmup) ratios[w].push(t.hooked / t.native)
          }
        }
        return ratios
      },
      [warmup, pairs],
    )
    await context.close()
    if (r === 0) continue // warm-up round
    Object.entries({ load, tbt, react: median(react), templated: median(templated) }).forEach(([w, v]) => samples[kind][w].push(v))
    for (const w of ['react', 'templated']) inPage[kind][w].push(median(ab[w]))
  }
}
const version = browser.version()
await browser.close()
server.close()
const load1 = loadavg()[0]

const LABELS = { load: '(a) page load', react: '(b) 1,000 React-style', templated: '(c) 2,000 innerHTML', tbt: '(d) blocking time' }
const ratio = (kind, w) => median(samples[kind][w]) / (median(samples.none[w]) || NaN)
const cell = (kind, w) => `${median(samples[kind][w]).toFixed(1).padStart(7)} ms ×${ratio(kind, w).toFixed(3)}`
console.log(
  `Guard overhead, Chromium ${version}, median of ${rounds} interleaved rounds × ${reps} runs of (b) and (c) after ${warmup} not counted, and ${pairs} in-page pairs (same run), load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${cpus().length} cores`,
)
console.log(`  inline size, min+gzip -9: guard ${gz(guardJs)} B, Yett ${gz(yettJs)} B (+ its blacklist ${gz(heads.yett) - gz(yettJs)} B)`)
if (compare) console.log(`  compare: ${compare}, ${gz(readFileSync(compare, 'utf8'))} B`)
console.log(`  floor: plain pass-through wrappers around the same native DOM calls (the least any wrapping guard costs)`)
console.log(`  reads: the floor reading each inserted node's tag and document (the least any vetting of an insertion reads)`)
console.log(`  parse: the floor plus an inert <template> parse of each HTML string that can load something (the least vetting HTML by parsing costs)`)
console.log(`  observer: an empty MutationObserver on the document until DOMContentLoaded (the least watching the parser costs)`)
console.log(`  ${''.padEnd(8)} ${WORKLOADS.map((w) => LABELS[w].padEnd(22)).join(' ')}`)
for (const kind of kinds) console.log(`  ${kind.padEnd(8)} ${WORKLOADS.map((w) => cell(kind, w).padEnd(22)).join(' ')}`)

const inPageCell = (kind, w) => `×${median(inPage[kind][w]).toFixed(3)}`.padEnd(22)
console.log(
  `\n  in-page A/B: each page's (b) and (c) through its hooked DOM / with its own natives put back, median of ${pairs} adjacent pairs' ratios, median over pages`,
)
console.log(`  (the harness's own bias shows on "none"; an observer left on after the load, as Yett's, is off for the native runs)`)
console.log(`  ${''.padEnd(8)} ${LABELS.react.padEnd(22)} ${LABELS.templated.padEnd(22)}`)
for (const kind of kinds) console.log(`  ${kind.padEnd(8)} ${inPageCell(kind, 'react')} ${inPageCell(kind, 'templated')}`)

// What the guard adds beyond watching the parser at all: (a) and (d) are bound by the observer floor, which any guard
// that sees parser-inserted scripts pays (Chromium makes a mutation record per parsed node, read or not).
const overFloor = (w) => median(samples.guard[w]) / (median(samples.observer[w]) || NaN)
console.log(
  `  guard vs observer floor: (a) ×${overFloor('load').toFixed(3)}, (d) ×${overFloor('tbt').toFixed(3)}; guard vs parse floor: (c) ×${(median(samples.guard.templated) / (median(samples.parse.templated) || NaN)).toFixed(3)}`,
)
const rows = kinds
  .filter((k) => k !== 'none')
  .flatMap((kind) => WORKLOADS.map((w) => ({ what: `${LABELS[w]}, ${kind} vs no guard`, figure: `×${ratio(kind, w).toFixed(2)}` })))
for (const kind of kinds)
  for (const w of ['react', 'templated'])
    rows.push({ what: `${LABELS[w]}, ${kind}, in-page A/B (hooked / natives put back)`, figure: `×${median(inPage[kind][w]).toFixed(2)}` })
rows.push({
  what: '(c) 2,000 innerHTML, guard vs parse floor',
  figure: `×${(median(samples.guard.templated) / (median(samples.parse.templated) || NaN)).toFixed(2)}`,
})
rows.push({ what: '(a) page load, guard vs observer floor', figure: `×${overFloor('load').toFixed(2)}` })
rows.push({ what: '(d) blocking time, guard vs observer floor', figure: `×${overFloor('tbt').toFixed(2)}` })
rows.push({
  what: '(d) blocking time, medians: no guard / observer floor / guard',
  figure: ['none', 'observer', 'guard'].map((k) => `${median(samples[k].tbt).toFixed(0)} ms`).join(' / '),
})
rows.push({ what: 'inline size, min+gzip -9: guard / Yett with its blacklist', figure: `${gz(guardJs)} B / ${gz(heads.yett)} B` })
rows.push({ what: 'load average during the run (1 min, start → end)', figure: `${load0.toFixed(1)} → ${load1.toFixed(1)}` })
mkdirSync(dirname(out), { recursive: true })
const command = `npm run bench:guard -- --rounds ${rounds} --reps ${reps} --warmup ${warmup} --pairs ${pairs}${compare ? ' --compare <previous build>' : ''}`
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), machine: `${cpus().length} cores, node ${process.version}, Chromium ${version}`, command, rows }, null, 2)}\n`,
)
console.log(`\nwrote ${out}`)
