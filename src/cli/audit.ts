import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { applyMode, auditStatic, exitCodeFor, formatReport, formatTable, FORMATS, type AuditReport, type ReportFormat } from '../audit/index.js'
import type { AuditConfig } from '../audit/config.js'
import { policyFrom, type AuditPolicy } from '../audit/policy.js'
import { loadConfig } from '../config/index.js'
import { UsageError } from '../errors.js'

interface AuditFlags {
  live?: boolean
  crawl?: boolean
  maxPages: string
  concurrency: string
  wait: string
  realTime?: boolean
  timeout: string
  acceptConsent?: boolean | string
  chromium?: string
  allow: string[]
  config?: string
  format: ReportFormat
  output?: string
  failOn: 'error' | 'warning'
  jobs?: string
  progress: boolean
  strict?: boolean
}

/** `firstparty audit`: fail CI when a tracker sneaks into the built site or the live pages. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('find trackers in built HTML/JS files, or with --live in real headless Chromium')
    // Optional for commander, required by us: `--accept-consent [selector]` may have taken the first target.
    .argument('[targets...]', 'files, directories or globs (dist/**/*.html); with --live: URLs or directories to serve')
    .option('--live', 'open pages in headless Chromium and record requests, cookies, storage and globals')
    .option('--crawl', 'live: follow same-origin links and sitemap.xml')
    .option('--max-pages <n>', 'live: page limit when crawling', '50')
    .option('--concurrency <n>', 'live: pages audited at once', '2')
    .option('--wait <ms>', 'live: window for late loaders after load and after consent', '10000')
    .option('--real-time', 'live: really wait --wait ms instead of fast-forwarding the page clock')
    .option('--timeout <ms>', 'live: navigation timeout', '30000')
    .option('--accept-consent [selector]', 'live: click the consent banner accept button (or this selector) and audit again')
    .option('--chromium <path>', 'live: Chromium/Chrome binary (default: $CHROMIUM, /usr/bin/chromium, …)')
    .option('--allow <host>', 'host that may be loaded (repeatable); adds to the config file "allow"', collect, [])
    .option('-c, --config <file>', 'policy file (default: ./firstparty.config.json when present)')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to a file (the table still goes to stdout)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 on findings of this severity or worse').choices(['error', 'warning']).default('error'))
    .option('--strict', 'uncatalogued third parties are errors too (also: "mode": "strict" in the config)')
    .option('-j, --jobs <n>', 'static: threads (default: the idle cores, by the load average, once the work needs them)')
    .option('--no-progress', 'live: no progress bar on stderr')
    .action(async (given: string[], parsed: AuditFlags, command: Command) => {
      const targets = reclaimTarget(given, parsed)
      if (targets.length === 0) throw new UsageError('audit: missing targets (files, directories or globs; with --live: URLs or directories)')
      const config = await loadConfig(parsed.config)
      const flags = withConfigDefaults(
        parsed,
        config.audit,
        (name) => command.getOptionValueSource(name) === 'default' || command.getOptionValueSource(name) === undefined,
      )
      // PostHog's hosts are allowed by the same policy file the guard and CSP use.
      const posthog = [config.posthog?.apiHost, config.posthog?.uiHost].filter((h): h is string => !!h && /^(https?:)?\/\//.test(h))
      const allow = [...new Set([...(config.allow ?? []), ...posthog, ...flags.allow])]
      const policy = policyFrom({ deny: config.audit?.deny ?? config.deny, warn: config.audit?.warn ?? config.warn }, parsed.config ?? 'firstparty.config.json')
      const run = flags.live ? await runLive(targets, flags, allow, policy) : await runStatic(targets, flags, allow, policy)
      const report = applyMode(run, flags.strict || config.mode === 'strict' ? 'strict' : 'catalog')
      await emit(report, flags)
      process.exitCode = exitCodeFor(report, flags.failOn)
    })
}

/**
 * `--accept-consent [selector]` takes the next word as its selector, so `--accept-consent https://site/` would
 * lose the URL. A URL or an existing path is never a CSS selector: give it back to the targets.
 */
function reclaimTarget(targets: string[], flags: AuditFlags): string[] {
  const value = flags.acceptConsent
  if (typeof value !== 'string' || !(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || existsSync(resolve(value)))) return targets
  flags.acceptConsent = true
  return [value, ...targets]
}

/** Flags the user did not type take their value from the config's `audit` section. */
function withConfigDefaults(flags: AuditFlags, audit: AuditConfig | undefined, unset: (name: string) => boolean): AuditFlags {
  if (!audit) return flags
  const merged: AuditFlags = { ...flags }
  if (audit.failOn && unset('failOn')) merged.failOn = audit.failOn
  if (audit.wait !== undefined && unset('wait')) merged.wait = String(audit.wait)
  if (audit.timeout !== undefined && unset('timeout')) merged.timeout = String(audit.timeout)
  if (audit.maxPages !== undefined && unset('maxPages')) merged.maxPages = String(audit.maxPages)
  if (audit.concurrency !== undefined && unset('concurrency')) merged.concurrency = String(audit.concurrency)
  if (audit.acceptConsent !== undefined && audit.acceptConsent !== false && unset('acceptConsent') && flags.live) merged.acceptConsent = audit.acceptConsent
  if (audit.chromium !== undefined && unset('chromium')) merged.chromium = audit.chromium
  return merged
}

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ]
}

function positive(name: string, value: string, min = 1): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`)
  return n
}

function runStatic(targets: string[], flags: AuditFlags, allow: string[], policy: AuditPolicy): Promise<AuditReport> {
  if (flags.crawl || flags.acceptConsent !== undefined) throw new UsageError('--crawl and --accept-consent need --live')
  return auditStatic(targets, { allow, policy, ...(flags.jobs ? { jobs: positive('jobs', flags.jobs) } : {}) })
}

async function runLive(targets: string[], flags: AuditFlags, allow: string[], policy: AuditPolicy): Promise<AuditReport> {
  // Loaded only with --live: a static audit in CI never pays for Chromium, the local server and the crawler.
  const { auditLive } = await import('../audit/live/index.js')
  return auditLive(targets, {
    allow,
    policy,
    crawl: flags.crawl ?? false,
    maxPages: positive('max-pages', flags.maxPages),
    concurrency: positive('concurrency', flags.concurrency),
    wait: positive('wait', flags.wait, 0),
    realTime: flags.realTime ?? false,
    timeout: positive('timeout', flags.timeout),
    acceptConsent: flags.acceptConsent ?? false,
    progress: flags.progress,
    ...(flags.chromium ? { chromium: flags.chromium } : {}),
  })
}

async function emit(report: AuditReport, flags: AuditFlags): Promise<void> {
  const text = formatReport(report, flags.format)
  if (flags.output) {
    await writeFile(flags.output, `${text}\n`).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write --output ${flags.output}: ${error.code ?? error.message}`)
    })
    console.log(formatTable(report))
    return
  }
  console.log(text)
  // Machine formats on stdout stay parseable; people still need to see what was not audited.
  if (flags.format !== 'table') for (const p of report.problems) console.error(`firstparty: cannot audit ${p.target}: ${p.message}`)
}
