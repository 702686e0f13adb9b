import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The built CLI (npm test builds first).
const cli = join(process.cwd(), 'dist', 'cli.js')
const dir = mkdtempSync(join(tmpdir(), 'fp-csp-'))

describe('firstparty csp', () => {
  it('prints the header for the config in the current directory', () => {
    writeFileSync(join(dir, 'firstparty.config.json'), JSON.stringify({ allow: ['player.vimeo.com'], posthog: { apiHost: 'https://eu.i.posthog.com' } }))
    const out = execFileSync('node', [cli, 'csp'], { cwd: dir, encoding: 'utf8' })
    expect(out).toMatch(/^script-src 'self' 'unsafe-inline' player\.vimeo\.com eu\.i\.posthog\.com eu-assets\.i\.posthog\.com; /)
  })

  it('prints a meta tag with --meta and Trusted Types with --trusted-types', () => {
    const out = execFileSync('node', [cli, 'csp', '--meta', '--trusted-types', '--config', join(dir, 'firstparty.config.json')], { encoding: 'utf8' })
    expect(out).toMatch(/^<meta http-equiv="Content-Security-Policy" content=".*require-trusted-types-for 'script'/)
  })

  it('fails with one line and exit 2 on a bad config', () => {
    writeFileSync(join(dir, 'bad.json'), '{"mode":"loose"}')
    const r = spawnSync('node', [cli, 'csp', '--config', join(dir, 'bad.json')], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/bad\.json: "mode" must be/)
  })
})
