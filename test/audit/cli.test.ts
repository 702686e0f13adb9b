import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from './helpers.js'
import { closedPort } from './live-helpers.js'

const cli = new URL('../../dist/cli.js', import.meta.url).pathname
const root = resolve('.')
const dirty = join(root, FIXTURES, 'dirty')

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Run the built CLI; never rejects, the exit code is part of the result. */
function run(args: string[], cwd = root): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, 'audit', ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

const noStack = (r: Run): void => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /)

describe('firstparty audit (CLI, built)', () => {
  it('exit 1 with a readable table when a tracker is found', async () => {
    const r = await run([join(FIXTURES, 'dirty/gtag.html')])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /✖ error\s+7:1\s+Google Analytics 4 \(gtag\.js\)\s+tracker-resource\s+<script src>: https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-ABC123XYZ9/,
    )
    expect(r.stdout).toMatch(/1 file, 2 tracker findings, 0 warnings/)
  })

  it('exit 0 on the project demo', async () => {
    const r = await run(['examples/plain-html'])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('Clean: no trackers, no third parties.')
  })

  it('exit 2 and one clear line for a missing path, without a stack trace', async () => {
    const r = await run(['nope.html', join(FIXTURES, 'clean')])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('✖ cannot audit nope.html: no such file or directory')
    noStack(r)
  })

  it('--format json / junit on stdout; problems also on stderr', async () => {
    const json = await run([dirty, 'missing-dir', '--format', 'json'])
    expect(json.code).toBe(2)
    const parsed = JSON.parse(json.stdout) as { summary: { errors: number; warnings: number; problems: number } }
    expect(parsed.summary).toMatchObject({ errors: 13, warnings: 3, notes: 2, problems: 1 })
    expect(json.stderr).toBe('firstparty: cannot audit missing-dir: no such file or directory\n')
    const junit = await run([join(FIXTURES, 'clean'), '--format', 'junit'])
    expect(junit.code).toBe(0)
    expect(junit.stdout).toMatch(/^<\?xml[^]*<testsuites name="firstparty audit" tests="2" failures="0" errors="0"/)
  })

  it('--format sarif --output writes the file and still prints the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-cli-'))
    const out = join(dir, 'audit.sarif')
    const r = await run([join(FIXTURES, 'dirty/meta-pixel.html'), '--format', 'sarif', '--output', out])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Meta (Facebook) Pixel')
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: { ruleId: string }[] }[] }
    expect(sarif.runs[0]?.results.map((x) => x.ruleId)).toEqual(['tracker-snippet', 'tracker-resource'])
  })

  it('usage errors exit 2 with one line: bad format, bad --jobs, --crawl without --live, unwritable output, missing config', async () => {
    const cases: [string[], RegExp][] = [
      [['x.html', '--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are table, json, sarif, junit/],
      [[dirty, '--jobs', '0'], /^firstparty: --jobs must be an integer ≥ 1, got "0"$/m],
      [[dirty, '--crawl'], /^firstparty: --crawl and --accept-consent need --live$/m],
      [[dirty, '--output', '/nonexistent/dir/report.json'], /^firstparty: cannot write --output \/nonexistent\/dir\/report\.json: ENOENT$/m],
      [[dirty, '--config', 'missing.json'], /^firstparty: config file not found: .*missing\.json$/m],
    ]
    for (const [args, message] of cases) {
      const r = await run(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(message)
      noStack(r)
    }
  })

  it('--debug adds the stack trace', async () => {
    const r = await run([dirty, '--config', 'missing.json', '--debug'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/\n\s+at /)
  })

  it('policy: warnings pass unless --fail-on warning; firstparty.config.json allow and strict mode apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-policy-'))
    writeFileSync(join(dir, 'index.html'), '<script src="https://cdn.acme-widgets.example/w.js"></script>')
    expect((await run(['index.html'], dir)).code).toBe(0)
    expect((await run(['index.html', '--fail-on', 'warning'], dir)).code).toBe(1)
    expect((await run(['index.html', '--strict'], dir)).code).toBe(1)
    writeFileSync(join(dir, 'firstparty.config.json'), JSON.stringify({ mode: 'strict' }))
    expect((await run(['index.html'], dir)).code).toBe(1)
    writeFileSync(join(dir, 'firstparty.config.json'), JSON.stringify({ mode: 'strict', allow: ['cdn.acme-widgets.example'] }))
    const allowed = await run(['index.html'], dir)
    expect(allowed.code).toBe(0)
    expect(allowed.stdout).toContain('Clean: no trackers, no third parties.')
    const flag = await run(['index.html', '--fail-on', 'warning', '--allow', 'cdn.acme-widgets.example'], dir)
    expect(flag.code).toBe(0)
    // The config's "audit" section sets defaults; flags typed on the command line win.
    writeFileSync(join(dir, 'firstparty.config.json'), JSON.stringify({ audit: { failOn: 'warning' } }))
    expect((await run(['index.html'], dir)).code).toBe(1)
    expect((await run(['index.html', '--fail-on', 'error'], dir)).code).toBe(0)
    // Several CLI processes (and Chromium) in a row: generous on a shared, loaded machine.
  }, 120_000)

  it('--live with targets that are neither URLs nor directories: exit 2, one line each', async () => {
    const r = await run(['--live', 'not-a-url', 'ftp://example.org/', '--no-progress'])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('✖ cannot audit not-a-url: not a URL or a directory')
    expect(r.stdout).toContain('✖ cannot audit ftp://example.org/: only http(s) URLs can be audited')
    noStack(r)
  })

  it('--live --accept-consent <URL>: the URL stays a target (a URL is never a selector)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`
    const r = await run(['--live', '--accept-consent', url, '--no-progress'])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain(`cannot audit ${url}: connection refused`)
    const none = await run(['--live', '--accept-consent'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('audit: missing targets')
    noStack(none)
    // Several CLI processes (and Chromium) in a row: generous on a shared, loaded machine.
  }, 120_000)

  it('"deny" in firstparty.config.json decides which categories fail; a bad category is exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-audit-deny-'))
    writeFileSync(join(dir, 'firstparty.config.json'), JSON.stringify({ deny: ['ad', 'tag-manager'] }))
    const r = await run([join(root, FIXTURES, 'dirty/gtag.html')], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/0 tracker findings, 0 warnings, 2 notes/)
    writeFileSync(join(dir, 'firstparty.config.json'), JSON.stringify({ deny: ['ads'] }))
    const bad = await run([join(root, FIXTURES, 'dirty/gtag.html')], dir)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('"deny" has an unknown category "ads"')
    noStack(bad)
    // Several CLI processes (and Chromium) in a row: generous on a shared, loaded machine.
  }, 120_000)
})
