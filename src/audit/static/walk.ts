// Targets → files: plain files, directories (recursive) and globs (`dist/**/*.html`). Node 20 has no
// fs.glob, and a small matcher is enough for the patterns build outputs need.
import { readdir, stat } from 'node:fs/promises'
import { extname, join, relative, resolve, sep } from 'node:path'
import type { AuditProblem } from '../types.js'
import type { FileKind, FileTask } from './file.js'

const HTML = new Set(['.html', '.htm', '.xhtml'])
const SCRIPT = new Set(['.js', '.mjs', '.cjs'])
/** Folders never worth scanning in a site build. */
const SKIP_DIRS = new Set(['node_modules', '.git'])

/** The kind of a file by extension; undefined for files a directory walk skips (css, images, maps…). */
export function kindOf(path: string): FileKind | undefined {
  const ext = extname(path).toLowerCase()
  return HTML.has(ext) ? 'html' : SCRIPT.has(ext) ? 'script' : undefined
}

/**
 * Expand targets into files to scan, sorted and de-duplicated. Named files are scanned whatever
 * their extension (unknown ones as HTML); directories and globs pick HTML and JS files.
 *
 * @example await expandTargets(['dist', 'public/**\/*.html'], process.cwd())
 */
export async function expandTargets(targets: readonly string[], cwd: string): Promise<{ files: FileTask[]; problems: AuditProblem[] }> {
  const found = new Map<string, FileTask>()
  const problems: AuditProblem[] = []
  const add = (path: string, kind: FileKind): void => {
    if (!found.has(path)) found.set(path, { path, page: pageName(path, cwd), kind })
  }
  for (const target of targets) {
    if (isGlob(target)) {
      const { base, pattern } = splitGlob(target)
      const root = resolve(cwd, base)
      const matcher = globToRegExp(pattern)
      const before = found.size
      for (const file of await walk(root, problems, target)) {
        const rel = relative(root, file).split(sep).join('/')
        const kind = kindOf(file)
        if (kind && matcher.test(rel)) add(file, kind)
      }
      if (found.size === before && !problems.some((p) => p.target === target)) problems.push({ target, message: 'no HTML or JS files match this pattern' })
      continue
    }
    const path = resolve(cwd, target)
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) {
      problems.push({ target, message: info.code === 'ENOENT' ? 'no such file or directory' : info.code === 'EACCES' ? 'permission denied' : info.message })
    } else if (info.isDirectory()) {
      const files = (await walk(path, problems, target)).filter((f) => kindOf(f))
      if (files.length === 0 && !problems.some((p) => p.target === target)) problems.push({ target, message: 'directory holds no HTML or JS files' })
      for (const f of files) add(f, kindOf(f) ?? 'html')
    } else {
      add(path, kindOf(path) ?? 'html')
    }
  }
  const files = [...found.values()].sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0))
  return { files, problems }
}

/** Findings name files relative to the working directory with `/`, as SARIF and CI annotations expect. */
export function pageName(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return (rel.startsWith('..') ? path : rel).split(sep).join('/')
}

async function walk(dir: string, problems: AuditProblem[], target: string): Promise<string[]> {
  const out: string[] = []
  const pending = [dir]
  while (pending.length) {
    const current = pending.pop() as string
    let entries
    try {
      entries = await readdir(current, { withFileTypes: true })
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      const message = e.code === 'ENOENT' ? 'no such directory' : e.code === 'EACCES' ? 'permission denied' : e.message
      problems.push({ target: current === dir ? target : current, message })
      continue
    }
    for (const entry of entries) {
      const full = join(current, entry.name)
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) pending.push(full)
      } else if (entry.isFile()) out.push(full)
    }
  }
  return out
}

function isGlob(target: string): boolean {
  return /[*?[\]{}]/.test(target)
}

/** `site/**\/*.html` → base `site`, pattern `**\/*.html`. */
function splitGlob(target: string): { base: string; pattern: string } {
  const parts = target.split(/[\\/]/)
  const at = parts.findIndex(isGlob)
  return { base: parts.slice(0, at).join('/') || '.', pattern: parts.slice(at).join('/') }
}

/** Glob → RegExp over `/`-separated relative paths: `**`, `*`, `?`, `{a,b}`, `[abc]`. */
export function globToRegExp(pattern: string): RegExp {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/'
        re += slash ? '(?:.*/)?' : '.*'
        i += slash ? 2 : 1
      } else re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else if (c === '{') {
      const close = pattern.indexOf('}', i)
      if (close === -1) re += '\\{'
      else {
        re += `(?:${pattern.slice(i + 1, close).split(',').map(escape).join('|')})`
        i = close
      }
    } else if (c === '[') {
      const close = pattern.indexOf(']', i)
      if (close === -1) re += '\\['
      else {
        re += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`
        i = close
      }
    } else re += escape(c)
  }
  return new RegExp(`^${re}$`)
}

function escape(text: string): string {
  return text.replace(/[.+^$()|\\/]/g, '\\$&').replace(/\*/g, '[^/]*')
}
