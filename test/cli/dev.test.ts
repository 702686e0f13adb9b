import { spawn, execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const cli = new URL('../../dist/cli.js', import.meta.url).pathname
const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'fp-dev-'))
const store = join(dir, 'events.ndjson')
let child: ReturnType<typeof spawn>
let url = ''
let stdout = ''

beforeAll(async () => {
  child = spawn(process.execPath, [cli, 'dev', '--port', '0', '--store', store], { cwd: dir })
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
  await vi.waitFor(() => expect(stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+/), { timeout: 10_000 })
  url = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)![0]
})
afterAll(() => {
  child?.kill('SIGTERM')
})

describe('firstparty dev', () => {
  it('serves the demo page and the bundles', async () => {
    const page = await fetch(`${url}/`)
    expect(await page.text()).toContain('/firstparty/firstparty.global.js')
    const bundle = await fetch(`${url}/firstparty/firstparty.global.js`)
    expect(bundle.headers.get('content-type')).toMatch(/javascript/)
    expect((await fetch(`${url}/firstparty/firstparty.posthog.js`)).status).toBe(200)
  })

  it('stores each event as an NDJSON line and prints a readable line', async () => {
    const body = JSON.stringify({
      api_key: 't',
      batch: [{ event: 'cta_clicked', properties: { cta: 'hero', distinct_id: 'visitor-42', $current_url: 'http://x/pricing' } }],
    })
    expect((await fetch(`${url}/ingest/e/`, { method: 'POST', body })).status).toBe(200)
    await expect.poll(() => stdout, { timeout: 5000 }).toMatch(/cta_clicked\s+\/pricing\s+visitor-\s?\S* ?\{"cta":"hero"\}/)
    const lines = readFileSync(store, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; receivedAt: string })
    expect(lines.at(-1)).toMatchObject({ event: 'cta_clicked', properties: { cta: 'hero' } })
    expect(Date.parse(lines.at(-1)!.receivedAt)).not.toBeNaN()
  })

  it('shows events live on /_events', async () => {
    expect(await (await fetch(`${url}/_events`)).text()).toContain('Events received by the local sink')
    const controller = new AbortController()
    const stream = await fetch(`${url}/_events/stream`, { signal: controller.signal })
    const reader = stream.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    expect(first).toMatch(/^data: \{.*"event":"cta_clicked"/)
  })

  it('rejects bad input with a 4xx and keeps running', async () => {
    expect((await fetch(`${url}/ingest/e/`, { method: 'POST', body: '{oops' })).status).toBe(400)
    expect((await fetch(`${url}/ingest/e/`, { method: 'POST', body: '{"event":"still_alive"}' })).status).toBe(200)
    expect(readFileSync(store, 'utf8')).toContain('still_alive')
  })

  it('never serves files outside the directory', async () => {
    expect((await fetch(`${url}/..%2f..%2fpackage.json`)).status).toBe(404)
    expect((await fetch(`${url}/firstparty/..%2fpackage.json`)).status).toBe(404)
  })
})

describe('firstparty dev errors', () => {
  it('a bad port is a usage error: one line, exit 2, no stack', async () => {
    const result = await run(process.execPath, [cli, 'dev', '--port', 'abc']).catch((e: { code: number; stderr: string }) => e)
    expect(result).toMatchObject({ code: 2 })
    expect((result as { stderr: string }).stderr.trim()).toBe('firstparty: --port must be 0-65535, got "abc"')
  })

  it('a missing --dir is a usage error', async () => {
    const result = await run(process.execPath, [cli, 'dev', '--port', '0', '--dir', join(dir, 'nope')]).catch((e: { code: number; stderr: string }) => e)
    expect(result).toMatchObject({ code: 2 })
    expect((result as { stderr: string }).stderr).toMatch(/is not a directory/)
    expect((result as { stderr: string }).stderr).not.toMatch(/\n\s+at /)
  })
})
