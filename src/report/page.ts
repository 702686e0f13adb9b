/**
 * The live report of `firstparty dev` at `/_report`: the same report as `firstparty report <store>`, built
 * from the dev server's store on every request, with links to switch rows and model.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { ReportBuilder } from './build.js'
import { toReportHtml } from './format/html.js'
import { toReportJson } from './format/json.js'
import { readEventFile, ReportInputError } from './read.js'
import { fromNested } from './record.js'
import { registryLookup, type RegistryLookup } from './registry.js'
import { REPORT_BY, REPORT_MODELS, type ReportBy, type ReportModel } from './types.js'

/** Where the dev server's events are. */
export interface ReportSource {
  /** The NDJSON store, or `false` when events are kept in memory only. */
  store: string | false
  /** Events in memory (used when there is no store file). */
  events: readonly unknown[]
  /** Links registry for names and costs. @default ./firstparty.links.json when it exists */
  registry?: string
}

/** An HTTP answer, for the dev server to send. */
export interface PageAnswer {
  status: number
  type: string
  body: string
}

async function lookup(path: string | undefined): Promise<RegistryLookup | undefined> {
  const file = path ?? (existsSync('firstparty.links.json') ? 'firstparty.links.json' : undefined)
  if (file === undefined) return undefined
  try {
    return registryLookup(JSON.parse(await readFile(file, 'utf8')) as unknown)
  } catch {
    // A registry being edited is often invalid for a moment: the report goes on without names.
    return undefined
  }
}

/**
 * Answer `/_report?by=creator|campaign|channel&model=first|last&from=…&to=…&format=html|json`.
 * Bad parameters get a 400 with one line of text.
 * @example
 * ```ts
 * const answer = await reportPage(new URL(req.url, 'http://x'), { store: 'events.ndjson', events: [] })
 * res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body)
 * ```
 */
export async function reportPage(url: URL, source: ReportSource): Promise<PageAnswer> {
  const q = url.searchParams
  const by = (q.get('by') ?? 'creator') as ReportBy
  const model = (q.get('model') ?? 'first') as ReportModel
  const format = q.get('format') ?? 'html'
  const from = q.get('from') || undefined
  const to = q.get('to') || undefined
  const bad = (message: string): PageAnswer => ({ status: 400, type: 'text/plain; charset=utf-8', body: `${message}\n` })
  if (!REPORT_BY.includes(by)) return bad(`by must be ${REPORT_BY.join(', ')}`)
  if (!REPORT_MODELS.includes(model)) return bad(`model must be ${REPORT_MODELS.join(', ')}`)
  if (format !== 'html' && format !== 'json') return bad('format must be html or json')
  let builder: ReportBuilder
  try {
    builder = new ReportBuilder({ by, model, ...(from ? { from } : {}), ...(to ? { to } : {}) }, await lookup(source.registry))
  } catch (error) {
    return bad((error as Error).message.replace(/^--/, ''))
  }
  if (source.store && existsSync(source.store)) {
    try {
      await readEventFile(source.store, builder)
    } catch (error) {
      if (!(error instanceof ReportInputError)) throw error
      return { status: 500, type: 'text/plain; charset=utf-8', body: `${error.message}\n` }
    }
  } else
    for (const raw of source.events) {
      const event = fromNested(raw)
      if (event) builder.add(event)
      else builder.malformed()
    }
  builder.input.files = source.store ? 1 : 0
  const report = builder.finish()
  return format === 'json'
    ? { status: 200, type: 'application/json', body: toReportJson(report) }
    : { status: 200, type: 'text/html; charset=utf-8', body: toReportHtml(report, { refreshSeconds: 5, switcher: true }) }
}
