// Mixed source corpus for the whole-process figure: built HTML pages next to the source files a site repo
// holds (components, templates, configs, Markdown, CSS, package.json). The non-HTML files are the real-world
// fixtures (test/fixtures/audit/realworld), cycled, each made unique by a trailing comment in its own syntax.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative } from 'node:path'
import { page } from './corpus.mjs'

const REALWORLD = 'test/fixtures/audit/realworld'

function walk(dir) {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
}

/** A comment that does not change what the file is, per kind. */
function stamp(file, i) {
  const ext = extname(file)
  if (basename(file) === 'package.json' || ext === '.json') return ''
  if (['.html', '.htm', '.vue', '.svelte', '.astro', '.php', '.liquid', '.njk', '.hbs', '.erb', '.ejs', '.md', '.mdx'].includes(ext))
    return `\n<!-- copy ${i} -->\n`
  if (ext === '.css') return `\n/* copy ${i} */\n`
  return `\n// copy ${i}\n`
}

/**
 * Write `count` files: one in three a built HTML page (~21 KB), the rest source files of every kind.
 * Returns the paths and the total bytes.
 */
export function writeMixedCorpus(dir, count) {
  const sources = walk(REALWORLD).map((f) => ({ rel: relative(REALWORLD, f), text: readFileSync(f, 'utf8') }))
  const files = []
  let bytes = 0
  let s = 0
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `part-${Math.floor(i / 100)}`)
    let file
    let text
    if (i % 3 === 0) {
      file = join(folder, `page-${i}.html`)
      text = page(i)
    } else {
      // Each pass over the fixtures is one more site tree (copy-0/astro/…, copy-1/astro/…): folders as a site repo
      // has them (about 0.3 per file; this repo has 0.2), not a folder chain of its own for every file.
      const pass = Math.floor(s / sources.length)
      const src = sources[s++ % sources.length]
      file = join(dir, `copy-${pass}`, src.rel)
      text = src.text + stamp(src.rel, i)
    }
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
    bytes += Buffer.byteLength(text)
    files.push(file)
  }
  return { files, bytes }
}
