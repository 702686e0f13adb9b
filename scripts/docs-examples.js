// `npm run docs:examples`: the code blocks of docs/integrations.md are the example sites' files. Each block
// follows a marker naming its file, and this script rewrites the block from that file:
//   <!-- example: examples/vite-site/vite.config.ts -->        the whole file
//   <!-- example: examples/plain-html/index.html#head -->      only its <head>…</head> element
// `--check` exits 1 when a block differs from its file (test/docs/docs.test.ts runs it), so the recipes a
// newcomer copies are the code that `npm run test:examples` and `npm run test:newcomer` build and run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const pages = ['docs/integrations.md']
const MARKER = /^<!-- example: (\S+?)(#head)? -->\n```[^\n]*\n(?:[\s\S]*?\n)??```$/gm
const LANGUAGE = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.json': 'json', '.html': 'html', '.sh': 'sh' }
const COMMENT = { '.ts': '//', '.tsx': '//', '.js': '//', '.mjs': '//' }

/** The block for one example file: its path as a first-line comment where the language has one. */
function block(path, part) {
  if (!existsSync(root + path)) throw new Error(`docs: example file ${path} does not exist`)
  let text = readFileSync(root + path, 'utf8').trimEnd()
  if (part === '#head') {
    const head = /^[ \t]*<head>[\s\S]*?<\/head>/m.exec(text)
    if (!head) throw new Error(`docs: ${path} has no <head>…</head>`)
    text = head[0]
  }
  const ext = extname(path)
  const shown = path.split('/').slice(2).join('/')
  const comment = COMMENT[ext] ? `${COMMENT[ext]} ${shown}\n` : ''
  return `<!-- example: ${path}${part ?? ''} -->\n\`\`\`${LANGUAGE[ext] ?? ''}\n${comment}${text}\n\`\`\``
}

/** The page with every marked block rewritten from its file. */
export const synced = (text) => text.replace(MARKER, (_, path, part) => block(path, part))

let stale = false
for (const page of pages) {
  const text = readFileSync(root + page, 'utf8')
  const next = synced(text)
  if (next === text) continue
  if (process.argv.includes('--check')) {
    console.error(`${page}: a code block differs from its example file: run \`npm run docs:examples\``)
    stale = true
  } else {
    writeFileSync(root + page, next)
    console.log(`${page}: code blocks rewritten from the examples`)
  }
}
if (stale) process.exit(1)
