import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const cli = new URL('../../dist/cli.js', import.meta.url).pathname
const run = promisify(execFile)
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

describe('firstparty --version', () => {
  it.each(['--version', '-v'])('%s prints the package version and exits 0', async (flag) => {
    const { stdout, stderr } = await run(process.execPath, [cli, flag])
    expect(stdout.trim()).toBe(version)
    expect(stderr).toBe('')
  })

  it('is listed in the help', async () => {
    const { stdout } = await run(process.execPath, [cli, '--help'])
    expect(stdout).toMatch(/-v, --version\s+print the firstparty version/)
  })
})
