// The real binary (`npm run build` first, as `npm test` does), on real files.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname
const cli = join(root, 'dist/cli.js')
const fixture = (name: string): string => join(root, 'test/fixtures/links', name)
const dir = mkdtempSync(join(tmpdir(), 'fp-links-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  code: number
  stdout: string
  stderr: string
}
function run(...args: string[]): Promise<Run> {
  return runIn(dir, ...args)
}
function runIn(cwd: string, ...args: string[]): Promise<Run> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`)
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}
const noStack = (r: Run): void => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/)

describe('firstparty links check', () => {
  it('valid registry: exit 0 and a summary', async () => {
    const r = await run('links', 'check', fixture('valid.json'), '--today', '2026-11-25')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/valid\.json: ok \(3 creators, 2 campaigns, 4 links\)/)
  })

  it('invalid registry: exit 1, one file:line line per finding, no stack', async () => {
    const r = await run('links', 'check', fixture('invalid.json'), '--today', '2026-11-25')
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(12)
    expect(lines[0]).toMatch(/invalid\.json:5: campaigns\[0\] \(launch\) landing: .*https.* \[insecure-landing\]$/)
    expect(lines).toContainEqual(expect.stringMatching(/invalid\.json:11: creators\[1\] \(Theo\) code: duplicate code "THEO".* \[duplicate-code\]$/))
    expect(r.stderr).toContain('12 findings')
    noStack(r)
  })

  it('an ended campaign depends on the day checked', async () => {
    const file = join(dir, 'ending.json')
    writeFileSync(file, JSON.stringify({ creators: [], campaigns: [{ id: 'x', name: 'X', medium: 'email', landing: 'https://a.dev/', end: '2026-06-30' }] }))
    expect((await run('links', 'check', file, '--today', '2026-06-30')).code).toBe(0)
    const r = await run('links', 'check', file, '--today', '2026-07-01')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('[ended]')
  })

  it('malformed JSON: exit 2 with file:line:column, stack only with --debug', async () => {
    const r = await run('links', 'check', fixture('malformed.json'))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^firstparty: .*malformed\.json:3:\d+: invalid JSON: /)
    noStack(r)
    const debug = await run('links', 'check', fixture('malformed.json'), '--debug')
    expect(debug.code).toBe(2)
    expect(debug.stderr).toMatch(/\n\s+at .+:\d+:\d+/)
  })

  it('empty file, missing file, a directory: exit 2, one line', async () => {
    for (const [file, message] of [
      [fixture('empty.json'), /registry is empty/],
      [join(dir, 'nope.json'), /registry not found/],
      [dir, /is a directory/],
    ] as const) {
      const r = await run('links', 'check', file)
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    }
  })

  it('a registry with no entries is valid and builds nothing', async () => {
    expect((await run('links', 'check', fixture('no-entries.json'))).stdout).toContain('ok (0 creators, 0 campaigns, 0 links)')
    const r = await run('links', 'build', fixture('no-entries.json'))
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('creator,name,platform,channel,code,campaign,url\r\n')
  })
})

describe('firstparty links build', () => {
  it('CSV on stdout, formulas neutralised', async () => {
    const r = await run('links', 'build', fixture('valid.json'), '--today', '2026-11-25')
    expect(r.code).toBe(0)
    const rows = r.stdout.trim().split('\r\n')
    expect(rows).toHaveLength(5)
    expect(rows[1]).toBe(
      'theo,Theo,youtube,influencer,theo,launch-week,https://acme.dev/signup?utm_source=youtube&utm_medium=affiliate&utm_campaign=launch-week&utm_content=theo&ref=theo',
    )
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://x"")"`)
  })

  it('JSON and Markdown on stdout; --base replaces campaign landings', async () => {
    const json = await run('links', 'build', fixture('valid.json'), '-f', 'json', '--base', 'https://acme.dev/go', '--today', '2026-11-25')
    const links = JSON.parse(json.stdout) as { creator: string; url: string }[]
    expect(links.map((l) => new URL(l.url).pathname)).toEqual(['/go', '/go', '/go', '/eve'])
    const md = await run('links', 'build', fixture('valid.json'), '--format', 'md', '--today', '2026-11-25')
    expect(md.stdout.split('\n')[0]).toBe('| Creator | Platform | Code | Campaign | Link |')
  })

  it('--out with several formats, --qr and --types writes every file', async () => {
    const out = join(dir, 'out')
    const types = join(dir, 'links.d.ts')
    const r = await run('links', 'build', fixture('valid.json'), '--out', out, '--format', 'csv,md,json', '--qr', '--types', types, '--today', '2026-11-25')
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('4 links written')
    expect(readdirSync(out).sort()).toEqual(['links.csv', 'links.json', 'links.md', 'qr'])
    const svgs = readdirSync(join(out, 'qr')).sort()
    expect(svgs).toEqual(['eve--talk-jsconf.svg', 'jo-dev--launch-week.svg', 'theo--launch-week.svg', 'theo--talk-jsconf.svg'])
    expect(readFileSync(join(out, 'qr', svgs[0]!), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+".*<path/s)
    expect(readFileSync(join(out, 'links.csv'), 'utf8').split('\r\n')[0]).toBe('creator,name,platform,channel,code,campaign,url,qr')
    expect(readFileSync(join(out, 'links.md'), 'utf8')).toContain('[svg](qr/theo--launch-week.svg)')
    expect(readFileSync(types, 'utf8')).toContain('export type CreatorCode = "eve-news" | "jodev" | "theo"')
  })

  it('refuses to write links from an invalid registry: exit 1, findings on stderr', async () => {
    const out = join(dir, 'refused')
    const r = await run('links', 'build', fixture('invalid.json'), '--out', out, '--today', '2026-11-25')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/invalid\.json:5: .*\[insecure-landing\]/)
    expect(existsSync(out)).toBe(false)
  })

  it('usage errors exit 2 with one clear line', async () => {
    for (const [args, message] of [
      [['--format', 'xml'], /--format must be csv, json, md/],
      [['--qr'], /--qr needs --out/],
      [['--format', 'csv,md'], /several formats need --out/],
      [['--today', 'tomorrow'], /--today must be YYYY-MM-DD/],
      [['--bogus'], /unknown option '--bogus'/],
    ] as const) {
      const r = await run('links', 'build', fixture('valid.json'), ...args)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
      noStack(r)
    }
  })
})

describe('firstparty links parse', () => {
  const url = 'https://acme.dev/signup?utm_source=youtube&utm_medium=affiliate&utm_campaign=launch-week&utm_content=theo&ref=theo'

  it('shows channel, creator and campaign as the site records them', async () => {
    const r = await run('links', 'parse', url)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^channel:\s+influencer$/m)
    expect(r.stdout).toMatch(/^creator:\s+theo$/m)
    expect(r.stdout).toMatch(/^campaign:\s+launch-week$/m)
    const json = JSON.parse((await run('links', 'parse', 'https://acme.dev/?utm_medium=email&utm_source=newsletter&gclid=x', '--json')).stdout) as Record<
      string,
      unknown
    >
    expect(json).toMatchObject({ channel: 'paid_search', paid: true, clickIds: ['google'], utm: { utm_medium: 'email', utm_source: 'newsletter' } })
    const community = await run('links', 'parse', 'https://acme.dev/', '--referrer', 'https://news.ycombinator.com/item?id=1')
    expect(community.stdout).toMatch(/^channel:\s+community$/m)
  })

  it('with --registry: names the creator, exit 1 for codes not in it', async () => {
    const known = await run('links', 'parse', url, '--registry', fixture('valid.json'))
    expect(known.code).toBe(0)
    expect(known.stdout).toMatch(/^creator:\s+theo \(Theo\)$/m)
    const unknown = await run('links', 'parse', url.replace('ref=theo', 'ref=nobody'), '--registry', fixture('valid.json'))
    expect(unknown.code).toBe(1)
    expect(unknown.stdout).toMatch(/nobody \(NOT in /)
  })

  it('a URL that is not absolute is a usage error', async () => {
    const r = await run('links', 'parse', 'not a url')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('is not an absolute URL')
  })
})

describe('10,000 creators', () => {
  // Codes from an alphabet without look-alike characters, so the registry is valid (confusable codes are a finding).
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const codeOf = (n: number): string => {
    let s = ''
    do s += alphabet[n % alphabet.length]
    while ((n = Math.floor(n / alphabet.length)) > 0)
    return `cr${s}`
  }
  const creators = Array.from({ length: 10_000 }, (_, i) => ({
    id: `creator-${i}`,
    name: `Creator ${i}`,
    platform: ['youtube', 'x', 'newsletter'][i % 3],
    channel: 'influencer',
    code: codeOf(i),
  }))
  const registry = { campaigns: [{ id: 'launch', name: 'Launch', medium: 'affiliate', landing: 'https://acme.dev/signup' }], creators }

  it('checks and builds every link', async () => {
    const file = join(dir, 'big.json')
    writeFileSync(file, JSON.stringify(registry, null, 2))
    expect((await run('links', 'check', file)).stdout).toContain('ok (10000 creators, 1 campaign, 10000 links)')
    const r = await run('links', 'build', file, '--out', join(dir, 'big'), '--format', 'csv,json')
    expect(r.code).toBe(0)
    // stderr is a pipe here, not a terminal: no progress line.
    expect(r.stderr).not.toContain('\r')
    const csv = readFileSync(join(dir, 'big', 'links.csv'), 'utf8')
      .trim()
      .split('\r\n')
    expect(csv).toHaveLength(10_001)
    expect(new Set(csv.slice(1).map((row) => row.split(',')[6])).size).toBe(10_000)
  })

  it('points at the exact line of a duplicate near the end', async () => {
    const file = join(dir, 'big-dup.json')
    const dup = [...creators, { ...creators[42]!, id: 'late-dup' }]
    const text = JSON.stringify({ ...registry, creators: dup }, null, 2)
    writeFileSync(file, text)
    // The finding points at the offending field: the last `"code": "<dup>"` line of the file.
    const line = text
      .split('\n')
      .map((l) => l.includes(`"code": "${codeOf(42)}"`))
      .lastIndexOf(true)
    const r = await run('links', 'check', file)
    expect(r.code).toBe(1)
    expect(r.stdout.trim()).toBe(
      `${file}:${line + 1}: creators[10000] (late-dup) code: duplicate code "${codeOf(42)}": same as creators[42] (creator-42) (codes are case-insensitive) [duplicate-code]`,
    )
  })
})

describe('examples/influencer-links', () => {
  it('the committed CSV, Markdown, types and QR codes are what the CLI writes today', async () => {
    const example = join(root, 'examples/influencer-links')
    const out = join(dir, 'example')
    const r = await runIn(example, 'links', 'build', 'firstparty.links.json', '--out', out, '--format', 'csv,md', '--qr', '--types', join(out, 'links.d.ts'))
    expect(r.code).toBe(0)
    const files = ['links.csv', 'links.md', 'links.d.ts', ...readdirSync(join(example, 'links/qr')).map((f) => `qr/${f}`)]
    expect(readdirSync(join(out, 'qr')).sort()).toEqual(readdirSync(join(example, 'links/qr')).sort())
    for (const f of files) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(example, 'links', f), 'utf8'))
  })
})
