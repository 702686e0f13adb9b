// Targets → files: plain files, directories (recursive) and globs (`dist/**/*.html`). Node 20 has no
// fs.glob, and a small matcher is enough for the patterns build outputs need.
import { type Dirent, readdirSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import type { AuditProblem, SkippedFiles } from '../types.js'
import type { FileTask } from './file.js'
import { kindOf, unread } from './kinds.js'

/** Folders never worth scanning: installed packages, version control and framework build caches. */
const SKIP_DIRS = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.git',
  '.hg',
  '.svn',
  '.cache',
  '.parcel-cache',
  '.turbo',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.astro',
  '.docusaurus',
  '.vite',
  '.vercel',
  '.netlify',
  '.angular',
  '.yarn',
  '.pnpm-store',
])

/** What {@link expandTargets} found. */
export interface Expanded {
  files: FileTask[]
  problems: AuditProblem[]
  /** Files not read because the audit can't interpret their type, by type. */
  skipped: SkippedFiles[]
  /** Asset files (images, fonts, media, archives, lockfiles, source maps, plain text): nothing loads from them. */
  assets: number
}

/**
 * Expand targets into files to scan, sorted and de-duplicated. Every file kind the audit reads is picked
 * (HTML, JS/TS, components, templates, Markdown, CSS, site configs, package.json, data files); assets are
 * counted, and files of other types are listed as "not audited (type)", named or walked alike. `onFound` hears
 * of each file to read as it is found, with the count so far.
 *
 * @example await expandTargets(['dist', 'public/**\/*.html'], process.cwd())
 */
export async function expandTargets(targets: readonly string[], cwd: string, onFound?: (task: FileTask, files: number) => void): Promise<Expanded> {
  const found = new Map<string, FileTask>()
  const problems: AuditProblem[] = []
  const skipped = new Map<string, Set<string>>()
  const assets = new Set<string>()
  const nameOf = pageNamer(cwd)
  /** Add a file; false when it is not read (an asset, or a type the audit can't interpret). */
  const add = (path: string): boolean => {
    const kind = kindOf(path)
    if (kind) {
      if (!found.has(path)) {
        const task = { path, page: nameOf(path), kind }
        found.set(path, task)
        onFound?.(task, found.size)
      }
      return true
    }
    const why = unread(path)
    if (why.asset) assets.add(path)
    else skipped.set(why.type, (skipped.get(why.type) ?? new Set()).add(nameOf(path)))
    return false
  }
  for (const target of targets) {
    if (isGlob(target)) {
      const { base, pattern } = splitGlob(target)
      const root = resolve(cwd, base)
      const matcher = globToRegExp(pattern)
      const before = found.size
      for (const file of walk(root, problems, target)) {
        if (matcher.test(relative(root, file).split(sep).join('/'))) add(file)
      }
      if (found.size === before && !problems.some((p) => p.target === target)) problems.push({ target, message: 'no files the audit reads match this pattern' })
      continue
    }
    const path = resolve(cwd, target)
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) {
      problems.push({ target, message: info.code === 'ENOENT' ? 'no such file or directory' : info.code === 'EACCES' ? 'permission denied' : info.message })
    } else if (info.isDirectory()) {
      let read = 0
      for (const f of walk(path, problems, target)) if (add(f)) read++
      if (read === 0 && !problems.some((p) => p.target === target)) problems.push({ target, message: 'directory holds no files the audit reads' })
    } else {
      add(path)
    }
  }
  const files = [...found.values()].sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0))
  const notRead = [...skipped].map(([type, names]) => ({ type, files: [...names].sort() })).sort((a, b) => (a.type < b.type ? -1 : 1))
  return { files, problems, skipped: notRead, assets: assets.size }
}

/** Findings name files relative to the working directory with `/`, as SARIF and CI annotations expect. */
export function pageName(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return (rel.startsWith('..') ? path : rel).split(sep).join('/')
}

/**
 * {@link pageName} for the paths a walk finds. They come from `resolve` and `join`, so they are normalised:
 * one inside the (resolved) cwd is named by cutting the prefix, which is what `relative` returns for it.
 * `relative` resolves both arguments on every call, which thousands of files notice.
 */
function pageNamer(cwd: string): (path: string) => string {
  const base = resolve(cwd)
  const inside = base.endsWith(sep) ? base : `${base}${sep}`
  return (path) => {
    // Outside the cwd `relative` climbs with `..`, and such names stay absolute; POSIX paths compare exactly.
    if (!path.startsWith(inside)) return sep === '/' ? path : pageName(path, base)
    const rel = path.slice(inside.length)
    return rel.startsWith('..') ? path.split(sep).join('/') : sep === '/' ? rel : rel.split(sep).join('/')
  }
}

/**
 * Every file under `dir`, skipping {@link SKIP_DIRS}. Synchronous on purpose: a site repo is thousands of small
 * folders, and one `readdirSync` costs a third of the CPU of a promise round trip through the thread pool
 * (measured on the bench's 4,400-folder corpus: 140 vs 420 ms); there is nothing else to overlap it with.
 */
function walk(dir: string, problems: AuditProblem[], target: string): string[] {
  const out: string[] = []
  const pending = [dir]
  while (pending.length) {
    const current = pending.pop() as string
    let entries: Dirent[]
    try {
      entries = readdirSync(current, { withFileTypes: true })
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
        re += `(?:${pattern
          .slice(i + 1, close)
          .split(',')
          .map(escape)
          .join('|')})`
        i = close
      }
    } else if (c === '[') {
      const close = pattern.indexOf(']', i)
      if (close === -1) re += '\\['
      else {
        re += `[${pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        i = close
      }
    } else re += escape(c)
  }
  return new RegExp(`^${re}$`)
}

function escape(text: string): string {
  return text.replace(/[.+^$()|\\/]/g, '\\$&').replace(/\*/g, '[^/]*')
}
