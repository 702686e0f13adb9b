// `--live <dir>`: serve a built site on 127.0.0.1 so the browser audits exactly what will deploy,
// and map page URLs back to files so findings (and SARIF) point at the repository.
import { stat } from 'node:fs/promises'
import { relative, resolve, sep } from 'node:path'
import { startDevServer, type DevServer } from '../../server/dev.js'
import { UsageError } from '../errors.js'
import { expandTargets, pageName } from '../static/walk.js'

/** A served directory and its pages. */
export interface ServedSite {
  server: DevServer
  /** Page URLs of every HTML file, `index.html` first. */
  urls: string[]
  /** URL → file name for reports. */
  names: Map<string, string>
}

/** Is this target a directory on disk (rather than a URL)? */
export async function isDirectory(target: string, cwd: string): Promise<boolean> {
  if (/^https?:\/\//i.test(target)) return false
  return stat(resolve(cwd, target)).then(
    (s) => s.isDirectory(),
    () => false,
  )
}

/**
 * Serve `dir` on 127.0.0.1 (firstparty's dev server, so `/firstparty/` bundles and `/ingest` work too).
 *
 * @example const site = await serveDirectory('dist', process.cwd()); … await site.server.close()
 */
export async function serveDirectory(dir: string, cwd: string): Promise<ServedSite> {
  const root = resolve(cwd, dir)
  const { files } = await expandTargets([root], cwd)
  // Pages only: SVG is read as markup by the static audit, but it is not a page to open.
  const pages = files.filter((f) => f.kind === 'html' && /\.(x?html?|shtml)$/i.test(f.path))
  if (pages.length === 0) throw new UsageError(`${dir}: no HTML files to serve`)
  const server = await startDevServer({ port: 0, host: '127.0.0.1', store: false, print: false, dir: root })
  const names = new Map<string, string>()
  const urls: string[] = []
  for (const f of pages) {
    const path = relative(root, f.path).split(sep).join('/')
    const url = `${server.url}/${path.replace(/(^|\/)index\.html$/, '$1')}`
    names.set(url, pageName(f.path, cwd))
    urls.push(url)
  }
  urls.sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
  return { server, urls, names }
}
