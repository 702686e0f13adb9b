import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { parseTouch, type Touch } from '../attribution/index.js'
import {
  buildLinks,
  validateRegistry,
  FORMATS,
  render,
  linkTypes,
  normalizeCode,
  normalizeValue,
  type Format,
  type LinkFinding,
  type Registry,
} from '../links/index.js'
import { readJsonFile } from '../config/json.js'
import { writeLinks } from '../links/output.js'
import { progressBar } from '../progress.js'
import { UsageError } from '../errors.js'
import { EXIT } from './errors.js'

/** `file:line: entry field: message [rule]`: the shape editors and CI logs turn into links. */
export function formatFinding(f: LinkFinding): string {
  const where = f.file === undefined ? '' : `${f.file}${f.line === undefined ? '' : `:${f.line}`}: `
  return `${where}${f.entry}${f.field ? ` ${f.field}` : ''}: ${f.message} [${f.rule}]`
}

interface CommonOptions {
  today?: string
  base?: string
}

/** Load, parse and validate a registry; I/O and syntax problems are usage errors (exit 2). */
async function check(file: string, opts: CommonOptions): Promise<{ registry: Registry; findings: LinkFinding[] }> {
  if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new UsageError(`--today must be YYYY-MM-DD, got "${opts.today}"`)
  const loaded = await readJsonFile(file, { what: 'registry', expected: 'a JSON object with "creators" and "campaigns"' })
  const findings = validateRegistry(loaded.value, {
    file,
    text: loaded.text,
    ...(opts.today === undefined ? {} : { today: opts.today }),
    ...(opts.base === undefined ? {} : { base: opts.base }),
  })
  return { registry: loaded.value as Registry, findings }
}

function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase())
  for (const f of formats)
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be ${FORMATS.join(', ')} (comma-separated with --out), got "${f}"`)
  return formats as Format[]
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

interface BuildOptions extends CommonOptions {
  format: string
  out?: string
  qr?: boolean
  types?: string
}

async function writeTypes(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, text)
  } catch (error) {
    throw new UsageError(`cannot write --types ${path}: ${(error as Error).message}`)
  }
}

async function build(file: string, opts: BuildOptions): Promise<number> {
  const formats = parseFormats(opts.format)
  if (!opts.out && formats.length > 1) throw new UsageError('several formats need --out <dir>')
  if (opts.qr && !opts.out) throw new UsageError('--qr needs --out <dir> (one SVG file per link)')
  const { registry, findings } = await check(file, opts)
  if (findings.length) {
    for (const f of findings) console.error(formatFinding(f))
    console.error(`firstparty: ${count(findings.length, 'finding')} in ${file}; no links written`)
    return EXIT.findings
  }
  // Small registries build in an instant: no bar below 1,000 creators.
  const bar = progressBar('creators', { quietUpTo: 1000 })
  const links = buildLinks(registry, {
    ...(opts.base === undefined ? {} : { base: opts.base }),
    onProgress: (done, total) => bar.update(done, total, 'building links'),
  })
  bar.done()
  if (opts.types) await writeTypes(opts.types, linkTypes(registry, file))
  if (!opts.out) {
    process.stdout.write(render(formats[0] ?? 'csv', links))
    return EXIT.ok
  }
  const qrBar = progressBar('QR codes', { quietUpTo: 1000 })
  const written = await writeLinks(links, { out: opts.out, formats, qr: opts.qr === true, onQr: (done, total) => qrBar.update(done, total, 'written') }).catch(
    (error: Error) => {
      throw new UsageError(`cannot write to ${opts.out}: ${error.message}`)
    },
  )
  qrBar.done()
  console.error(`firstparty: ${count(links.length, 'link')} written to ${opts.out} (${count(written.length, 'file')})`)
  return EXIT.ok
}

interface ParseOptions {
  referrer?: string
  registry?: string
  json?: boolean
}

async function parse(url: string, opts: ParseOptions): Promise<number> {
  try {
    new URL(url)
  } catch {
    throw new UsageError(`"${url}" is not an absolute URL`)
  }
  let registry: Registry | undefined
  if (opts.registry) {
    const result = await check(opts.registry, {})
    if (result.findings.length)
      throw new UsageError(`${opts.registry} has ${count(result.findings.length, 'finding')}; run \`firstparty links check ${opts.registry}\``)
    registry = result.registry
  }
  const refParams = registry?.refParam ? [registry.refParam] : []
  // The same function the browser runs, with the same options a site would pass.
  const touch: Touch = parseTouch(url, opts.referrer, { refParams })
  const creator = registry && touch.ref !== undefined ? registry.creators.find((c) => normalizeCode(c.code) === touch.ref?.toLowerCase()) : undefined
  const campaignId = touch.utm.utm_campaign
  const campaign = registry && campaignId !== undefined ? registry.campaigns.find((c) => normalizeValue(c.id) === campaignId.toLowerCase()) : undefined
  const unknown = registry !== undefined && ((touch.ref !== undefined && !creator) || (campaignId !== undefined && !campaign))
  if (opts.json) {
    const { timestamp: _timestamp, ...stable } = touch
    console.log(JSON.stringify({ ...stable, ...(creator ? { creator: creator.id } : {}), ...(campaign ? { campaign: campaign.id } : {}) }, null, 2))
  } else {
    const rows: [string, string][] = [
      ['channel', touch.channel],
      [
        'creator',
        touch.ref === undefined ? '(none)' : creator ? `${touch.ref} (${creator.name})` : registry ? `${touch.ref} (NOT in ${opts.registry})` : touch.ref,
      ],
      [
        'campaign',
        campaignId === undefined ? '(none)' : campaign ? `${campaignId} (${campaign.name})` : registry ? `${campaignId} (NOT in ${opts.registry})` : campaignId,
      ],
      // The registry's channel is how the team files the creator; the site records what the classifier says.
      ...(creator && creator.channel !== touch.channel
        ? [['registry channel', `${creator.channel} (the site records ${touch.channel})`] as [string, string]]
        : []),
      ...Object.entries(touch.utm)
        .filter(([k]) => k !== 'utm_campaign')
        .map(([k, v]): [string, string] => [k, v]),
      ['paid', touch.paid ? `yes${touch.clickIds.length ? ` (${touch.clickIds.join(', ')})` : ''}` : 'no'],
      ['referrer', touch.referrerHost ?? '(none)'],
      ['landing', touch.landingPath],
    ]
    for (const [k, v] of rows) console.log(`${`${k}:`.padEnd(20)}${v}`)
  }
  return unknown ? EXIT.findings : EXIT.ok
}

/** `firstparty links build|check|parse`: the link registry, checked and turned into tagged links. */
export function registerLinks(program: Command): void {
  const links = program.command('links').description('influencer and campaign links: build, check and parse tagged links')
  const today = ['--today <YYYY-MM-DD>', 'day campaign end dates are compared with (default: today, UTC)'] as const
  links
    .command('build')
    .description('validate the registry and write the tagged links')
    .argument('<registry>', 'registry file (firstparty.links.json)')
    .option('--base <url>', "landing URL for every campaign (a creator's own landing still wins)")
    .option('-f, --format <formats>', `output format: ${FORMATS.join(', ')}; several, comma-separated, with --out`, 'csv')
    .option('-o, --out <dir>', 'write links.<format> files (and qr/) into this directory instead of stdout')
    .option('--qr', 'also write one SVG QR code per link into <out>/qr/')
    .option('--types <file>', 'write creator codes and campaign ids as TypeScript unions (a .d.ts)')
    .option(...today)
    .action(async (file: string, opts: BuildOptions) => void (process.exitCode = await build(file, opts)))
  links
    .command('check')
    .description('validate the registry only; exit 1 on findings (for CI)')
    .argument('<registry>', 'registry file (firstparty.links.json)')
    .option('--base <url>', 'also check this landing URL')
    .option(...today)
    .action(async (file: string, opts: CommonOptions) => {
      const { registry, findings } = await check(file, opts)
      for (const f of findings) console.log(formatFinding(f))
      if (findings.length) console.error(`firstparty: ${count(findings.length, 'finding')} in ${file}`)
      else
        console.log(
          `${file}: ok (${count(registry.creators.length, 'creator')}, ${count(registry.campaigns.length, 'campaign')}, ${count(buildLinks(registry).length, 'link')})`,
        )
      process.exitCode = findings.length ? EXIT.findings : EXIT.ok
    })
  links
    .command('parse')
    .description('show the attribution the site will record for a link (same parser as the browser)')
    .argument('<url>', 'a tagged link')
    .option('--referrer <url>', 'the referrer the visit arrives with')
    .option('--registry <file>', 'name the creator and campaign from this registry; exit 1 when they are not in it')
    .option('--json', 'print the touch as JSON')
    .action(async (url: string, opts: ParseOptions) => void (process.exitCode = await parse(url, opts)))
}
