// Synthetic marketing-site corpus for the audit benchmark: ~25 KB pages with the usual head,
// inline scripts, nav, copy and footer; one page in ten carries a real tracker snippet form.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const TRACKERS = [
  `<script async src="https://www.googletagmanager.com/gtag/js?id=G-BENCH12345"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-BENCH12345');</script>`,
  `<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-BENCH12');</script>`,
  `<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1"/></noscript>`,
  `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" allowfullscreen></iframe>`,
]

const words = 'ship faster deploy monitor teams pricing secure open source build test preview edge cache launch growth'.split(' ')
const sentence = (i) => Array.from({ length: 18 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ')

/** One page; `i` makes content differ between pages. */
export function page(i) {
  const sections = Array.from(
    { length: 40 },
    (_, s) =>
      `<section class="s${s}"><h2>${sentence(i + s)}</h2><p>${sentence(i * 3 + s)}. ${sentence(i + s * 5)}.</p><p><a href="/docs/${s}.html">Read more</a> <img src="/img/${s}.webp" alt="${words[s % words.length]}" loading="lazy"></p></section>`,
  ).join('\n')
  const tracker = i % 10 === 0 ? TRACKERS[(i / 10) % TRACKERS.length] : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Page ${i} — Acme</title><meta name="description" content="${sentence(i)}">
<link rel="stylesheet" href="/assets/site.${i % 7}.css"><link rel="icon" href="/favicon.svg">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage","name":"Page ${i}","sameAs":["https://www.linkedin.com/company/acme"]}</script>
<script src="/firstparty/firstparty.global.js"></script>
<script>window.fp = firstparty.init({ token: 'phc_bench', apiHost: '/ingest' }); document.documentElement.dataset.theme = localStorage.getItem('theme') || 'light';</script>
${tracker}
</head><body><header><nav>${words.map((w) => `<a href="/${w}.html">${w}</a>`).join(' ')}</nav></header>
<main>${sections}</main>
<footer><p>© Acme ${i}</p><script type="module" src="/assets/app.${i % 13}.js"></script></footer></body></html>
`
}

/** Write `count` pages into `dir` (100 per folder) and return the file paths. */
export function writeCorpus(dir, count) {
  const files = []
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `section-${Math.floor(i / 100)}`)
    if (i % 100 === 0) mkdirSync(folder, { recursive: true })
    const file = join(folder, `page-${i}.html`)
    writeFileSync(file, page(i))
    files.push(file)
  }
  return files
}
