// The dev sink's NDJSON store under load and across restarts and kills: no line lost, none interleaved,
// never truncated, and a killed server loses at most what it had not answered.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { startDevServer } from '../../src/server/dev.js'

const cli = new URL('../../dist/cli.js', import.meta.url).pathname

function batch(tag: string, size: number): string {
  const events = Array.from({ length: size }, (_, i) => ({ event: 'load_test', uuid: `${tag}-${i}`, properties: { distinct_id: tag, pad: 'x'.repeat(2000) } }))
  return JSON.stringify({ api_key: 't', batch: events })
}

const storedLines = (file: string): Array<{ uuid: string }> =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { uuid: string })

async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++
        results[i] = await task(i)
      }
    }),
  )
  return results
}

describe('the dev store', () => {
  it('keeps every line whole under 1,000 concurrent batches, and a restart appends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-store-'))
    const store = join(dir, 'events.ndjson')
    writeFileSync(store, '{"uuid":"from-an-earlier-run"}\n')
    const server = await startDevServer({ port: 0, store, print: false })
    const statuses = await pool(1000, 100, (i) => fetch(`${server.url}/ingest/e/`, { method: 'POST', body: batch(`b${i}`, 3) }).then((r) => r.status))
    await server.close()
    expect(statuses.every((s) => s === 200)).toBe(true)
    // Every line parses (none interleaved), every event is there exactly once, the earlier run's line too.
    const uuids = storedLines(store).map((l) => l.uuid)
    expect(uuids[0]).toBe('from-an-earlier-run')
    expect(uuids.length).toBe(1 + 3000)
    expect(new Set(uuids).size).toBe(uuids.length)

    const again = await startDevServer({ port: 0, store, print: false })
    expect((await fetch(`${again.url}/ingest/e/`, { method: 'POST', body: batch('after-restart', 1) })).status).toBe(200)
    await again.close()
    expect(storedLines(store).length).toBe(1 + 3000 + 1)
  })

  it('loses no answered request when the server is killed mid-load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-kill-'))
    const store = join(dir, 'events.ndjson')
    const child = spawn(process.execPath, [cli, 'dev', '--port', '0', '--store', store, '--quiet'], { cwd: dir })
    let stdout = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    await vi.waitFor(() => expect(stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+/), { timeout: 10_000 })
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)![0]
    const answered: string[] = []
    let sent = 0
    const load = pool(5000, 20, async (i) => {
      sent++
      const response = await fetch(`${url}/ingest/e/`, { method: 'POST', body: batch(`k${i}`, 1) }).catch(() => undefined)
      if (response?.status === 200) answered.push(`k${i}-0`)
    })
    await vi.waitFor(() => expect(answered.length).toBeGreaterThan(50), { timeout: 10_000 })
    child.kill('SIGKILL')
    await load
    const stored = new Set(storedLines(store).map((l) => l.uuid))
    // Every answered event is on disk; what is on disk beyond that was in flight when the kill came.
    for (const uuid of answered) expect(stored.has(uuid)).toBe(true)
    expect(stored.size).toBeLessThanOrEqual(answered.length + 20)
    expect(sent).toBeGreaterThan(answered.length)
  })
})
