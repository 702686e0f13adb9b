// Which files the static audit reads, and how: markup parts as HTML, script parts as code. Template and
// component formats are split into regions here; the HTML and script scanners do the rest.
import { basename, extname } from 'node:path'
import { blankRanges } from './mask.js'

/** How a file is read. */
export type FileKind =
  | 'html'
  | 'script'
  | 'vue'
  | 'svelte'
  | 'astro'
  | 'php'
  | 'blade'
  | 'liquid'
  | 'njk'
  | 'hbs'
  | 'erb'
  | 'ejs'
  | 'markdown'
  | 'mdx'
  | 'css'
  | 'data'
  | 'package-json'

/** The kinds read as code, data or CSS alone; every other kind has a markup part. */
const WITHOUT_MARKUP: ReadonlySet<FileKind> = new Set<FileKind>(['script', 'css', 'data', 'package-json'])

/**
 * Does a file of this kind have a markup part (read as HTML, so it may declare its encoding in a `<meta charset>`)?
 *
 * @example hasMarkup('vue') // true
 */
export const hasMarkup = (kind: FileKind): boolean => !WITHOUT_MARKUP.has(kind)

/** Why a file is not read: an asset nothing loads from, or a type the audit can't interpret. */
export type Unread = { asset: true } | { asset: false; type: string }

const BY_EXTENSION: Record<string, FileKind> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.shtml': 'html',
  // SVG can carry <script> and load URLs: read as markup.
  '.svg': 'html',
  '.js': 'script',
  '.mjs': 'script',
  '.cjs': 'script',
  '.jsx': 'script',
  '.ts': 'script',
  '.tsx': 'script',
  '.mts': 'script',
  '.cts': 'script',
  '.vue': 'vue',
  '.svelte': 'svelte',
  '.astro': 'astro',
  '.php': 'php',
  '.phtml': 'php',
  '.liquid': 'liquid',
  '.njk': 'njk',
  '.nunjucks': 'njk',
  '.hbs': 'hbs',
  '.handlebars': 'hbs',
  '.erb': 'erb',
  '.ejs': 'ejs',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'mdx',
  '.css': 'css',
  '.json': 'data',
  '.jsonc': 'data',
  '.webmanifest': 'data',
  '.yml': 'data',
  '.yaml': 'data',
  '.toml': 'data',
}

/** Files nothing loads from, or derived from files that are read: counted, never read. */
const ASSETS = new Set(
  (
    '.png .jpg .jpeg .gif .webp .avif .ico .bmp .tif .tiff .heic .woff .woff2 .ttf .otf .eot .mp4 .webm .mov .m4v .mp3 .wav .ogg .flac ' +
    '.pdf .zip .gz .br .zst .tar .tgz .7z .wasm .map .txt .lock .lockb .psd .ai .sketch .fig'
  ).split(' '),
)
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'])

/**
 * How to read a file, by name. Site configs (`next.config.mjs`, `gatsby-config.ts`, `astro.config.mjs`…) are
 * JavaScript/TypeScript like any other code file.
 *
 * @example kindOf('src/layouts/Base.astro') // 'astro'
 */
export function kindOf(path: string): FileKind | undefined {
  const name = basename(path).toLowerCase()
  if (name === 'package.json') return 'package-json'
  if (LOCKFILES.has(name)) return undefined
  if (name.endsWith('.blade.php')) return 'blade'
  return BY_EXTENSION[extname(name)]
}

/**
 * Why a file with no {@link kindOf} is not read.
 *
 * @example unread('public/sitemap.xml') // { asset: false, type: '.xml' }
 */
export function unread(path: string): Unread {
  const name = basename(path).toLowerCase()
  const ext = extname(name)
  if (LOCKFILES.has(name) || ASSETS.has(ext)) return { asset: true }
  // Dotfiles without a code extension (.gitignore, .npmrc, .DS_Store) configure tools, not pages.
  if (name.startsWith('.') && (ext === '' || ext === name)) return { asset: true }
  return { asset: false, type: ext || 'no extension' }
}

/** A stretch of a file read as code, with how to label it. */
export interface CodeRegion {
  start: number
  end: number
  source: string
}

/** A file split for the scanners: `markup` (same length as the file, non-markup blanked) and code regions. */
export interface Split {
  /** Text for the HTML scanner; undefined when the file has no markup part. */
  markup?: string
  code: CodeRegion[]
  /** Markdown images (`![alt](url)`): URLs the rendered page loads. */
  images?: { index: number; url: string }[]
}

type Range = [number, number]

const ranges = (text: string, pattern: RegExp): Range[] => [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length])

/** `<?php … ?>`, `<?= … ?>` (to the end of the file when unclosed, as PHP does). */
const PHP = /<\?(?:php\b|=)?[\s\S]*?(?:\?>|$)/g
/** Embedded Ruby / EJS tags; `<%#` is a comment. */
const ERB_CODE = /<%(?![#%])[-_=]?([\s\S]*?)[-_]?%>/g
const ERB_COMMENT = /<%#[\s\S]*?%>/g
const LIQUID_COMMENT = /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|\{%-?\s*#[^%]*-?%\}/g
const NJK_COMMENT = /\{#[\s\S]*?#\}/g
const HBS_COMMENT = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g
const BLADE_COMMENT = /\{\{--[\s\S]*?--\}\}/g
const BLADE_PHP = /@php\b[\s\S]*?@endphp\b/g
/** `{/* … *\/}` in JSX-like templates (Astro, MDX). */
const JSX_COMMENT = /\{\/\*[\s\S]*?\*\/\}/g
/** Astro / Markdown front matter at the very start. */
const FRONTMATTER = /^(?:\uFEFF)?---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/
/** Markdown code: fenced blocks and inline code spans are examples, not part of the page's markup. */
const FENCE = /^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[`~]*[ \t]*(?=\n|(?![\s\S]))|(?![\s\S]))/gm
const INLINE_CODE = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g
const MD_IMAGE = /!\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g
/** MDX ESM lines. */
const MDX_ESM = /^(?:import|export)\b[^\n]*(?:\n(?![ \t]*\n)(?!#)[^\n]*)*/gm

/**
 * Split a file into markup and code by its kind. Template comments are blanked (a commented-out snippet is
 * not on the page); template code (`<?php … ?>`, `<% … %>`, Astro front matter, MDX imports) is read as code.
 *
 * @example splitFile('---\nimport GA from "x"\n---\n<p>hi</p>', 'astro').code[0]?.source // 'front matter'
 */
export function splitFile(text: string, kind: FileKind): Split {
  switch (kind) {
    case 'php':
    case 'blade': {
      const code = ranges(text, PHP).map(([start, end]) => ({ start, end, source: 'PHP code' }))
      if (kind === 'blade') code.push(...ranges(text, BLADE_PHP).map(([start, end]) => ({ start, end, source: 'Blade @php' })))
      const comments = kind === 'blade' ? ranges(text, BLADE_COMMENT) : []
      return { markup: blankRanges(text, [...comments, ...code.map((c): Range => [c.start, c.end])]), code }
    }
    case 'erb':
    case 'ejs': {
      const code = ranges(text, ERB_CODE).map(([start, end]) => ({ start, end, source: kind === 'erb' ? 'ERB code' : 'EJS code' }))
      return { markup: blankRanges(text, [...ranges(text, ERB_COMMENT), ...code.map((c): Range => [c.start, c.end])]), code }
    }
    case 'liquid':
      return { markup: blankRanges(text, ranges(text, LIQUID_COMMENT)), code: [] }
    case 'njk':
      return { markup: blankRanges(text, ranges(text, NJK_COMMENT)), code: [] }
    case 'hbs':
      return { markup: blankRanges(text, ranges(text, HBS_COMMENT)), code: [] }
    case 'astro': {
      const front = FRONTMATTER.exec(text)
      const code = front ? [{ start: 0, end: front[0].length, source: 'front matter' }] : []
      return { markup: blankRanges(text, [...code.map((c): Range => [c.start, c.end]), ...ranges(text, JSX_COMMENT)]), code }
    }
    case 'markdown':
    case 'mdx': {
      const front = FRONTMATTER.exec(text)
      const examples: Range[] = [...(front ? [[0, front[0].length] as Range] : []), ...ranges(text, FENCE)]
      let prose = blankRanges(text, examples)
      prose = blankRanges(prose, ranges(prose, INLINE_CODE))
      const code: CodeRegion[] = []
      if (kind === 'mdx') {
        code.push(...ranges(prose, MDX_ESM).map(([start, end]) => ({ start, end, source: 'MDX import/export' })))
        prose = blankRanges(prose, [...code.map((c): Range => [c.start, c.end]), ...ranges(prose, JSX_COMMENT)])
      }
      const images = [...prose.matchAll(MD_IMAGE)].map((m) => ({ index: m.index, url: m[1] ?? '' }))
      return { markup: prose, code, images }
    }
    default:
      // vue, svelte, html: <script> blocks are inline scripts, the rest is markup.
      return { markup: text, code: [] }
  }
}
