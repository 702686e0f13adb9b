import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { validateRegistry } from '../links/index.js'
import { readJsonFile } from '../config/json.js'
import {
  REPORT_BY,
  REPORT_FORMATS,
  REPORT_MODELS,
  ReportInputError,
  registryLookup,
  renderReport,
  reportFromFiles,
  type RegistryLookup,
  type ReportBy,
  type ReportFormat,
  type ReportModel,
} from '../report/index.js'
import { UsageError } from '../errors.js'
import { EXIT } from './errors.js'

interface ReportCliOptions {
  registry?: string
  by: string
  model: string
  from?: string
  to?: string
  format: string
  output?: string
}

const DEFAULT_REGISTRY = 'firstparty.links.json'
const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be ${allowed.join(', ')}, got "${value}"`)
  return value as T
}

/** The registry named by --registry, or ./firstparty.links.json when it exists; registry findings are warnings here. */
async function loadRegistry(file: string | undefined): Promise<RegistryLookup | undefined> {
  const path = file ?? (existsSync(DEFAULT_REGISTRY) ? DEFAULT_REGISTRY : undefined)
  if (path === undefined) return undefined
  const loaded = await readJsonFile(path, { what: 'registry', expected: 'a JSON object with "creators" and "campaigns"' })
  // Ended deals are normal in last month's report: only entries too broken to read are left out.
  const broken = validateRegistry(loaded.value, { file: path }).filter((f) => f.rule !== 'ended')
  if (broken.length)
    console.error(
      `firstparty: ${path} has ${plural(broken.length, 'finding')} (run \`firstparty links check ${path}\`); the report uses the entries it can read`,
    )
  return registryLookup(loaded.value)
}

async function run(files: string[], opts: ReportCliOptions): Promise<number> {
  const by = oneOf<ReportBy>('--by', opts.by, REPORT_BY)
  const model = oneOf<ReportModel>('--model', opts.model, REPORT_MODELS)
  const format = oneOf<ReportFormat>('--format', opts.format, REPORT_FORMATS)
  const registry = await loadRegistry(opts.registry)
  let report: Awaited<ReturnType<typeof reportFromFiles>>
  try {
    report = await reportFromFiles(
      files,
      { by, model, ...(opts.from === undefined ? {} : { from: opts.from }), ...(opts.to === undefined ? {} : { to: opts.to }) },
      registry,
    )
  } catch (error) {
    if (error instanceof ReportInputError || error instanceof RangeError) throw new UsageError(error.message)
    throw error
  }
  const text = renderReport(format, report)
  if (opts.output) {
    try {
      await mkdir(dirname(opts.output), { recursive: true })
      await writeFile(opts.output, text)
    } catch (error) {
      throw new UsageError(`cannot write --output ${opts.output}: ${(error as Error).message}`)
    }
  } else process.stdout.write(text)
  const { input } = report
  // One summary line on stderr, so stdout stays the report alone.
  const skipped = [
    input.malformed ? `${plural(input.malformed, 'malformed line')} skipped` : '',
    input.outOfRange ? `${plural(input.outOfRange, 'event')} outside the dates` : '',
  ].filter(Boolean)
  console.error(
    `firstparty: ${plural(input.events, 'event')} from ${plural(input.files, 'file')}${skipped.length ? `; ${skipped.join(', ')}` : ''}${opts.output ? `; report written to ${opts.output}` : ''}`,
  )
  return EXIT.ok
}

/** `firstparty report`: signups by creator, campaign or channel from the dev store or a PostHog export. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('which creators worked: landings, visitors, signups, conversion and cost per signup from event files')
    .argument('<events...>', 'event files: the firstparty dev store (NDJSON), PostHog JSON Lines / JSON / CSV exports; gzip is recognised')
    .option('-r, --registry <file>', `links registry for names and costs (default: ./${DEFAULT_REGISTRY} when it exists)`)
    .option('-b, --by <rows>', `rows: ${REPORT_BY.join(', ')}`, 'creator')
    .option('-m, --model <model>', `credit signups to the ${REPORT_MODELS.join(' or ')} touch`, 'first')
    .option('--from <YYYY-MM-DD>', 'first day included (UTC)')
    .option('--to <YYYY-MM-DD>', 'last day included (UTC)')
    .option('-f, --format <format>', `output: ${REPORT_FORMATS.join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .action(async (files: string[], opts: ReportCliOptions) => void (process.exitCode = await run(files, opts)))
}
