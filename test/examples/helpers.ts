// Building, auditing and serving the example sites from their own folders, as a user would.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { StoredEvent } from '../../src/server/format.js'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const exampleDir = (name: string): string => fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url))

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Run a command to completion, collecting its output. */
export function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Fail with the command's own output, so a broken build explains itself in the test report. */
export async function runOk(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  const result = await run(command, args, cwd, env)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.code}\n${result.stdout}\n${result.stderr}`)
  return result
}

/** The examples use the built package (dist/), like an installed copy. */
export function requireDist(): void {
  if (!existsSync(`${root}dist/index.js`)) throw new Error('dist/ is missing: run `npm run build` first (npm run test:examples does)')
}

/** Install the example's own dependencies from its lock file when they are missing (first run, CI). */
export async function ensureInstalled(dir: string): Promise<void> {
  requireDist()
  if (existsSync(`${dir}node_modules/.package-lock.json`)) return
  await runOk('npm', ['ci', '--no-audit', '--no-fund'], dir)
}

/** `firstparty audit <targets>` from the example folder (so its firstparty.config.json applies). */
export const audit = (dir: string, targets: string[]): Promise<RunResult> => run(process.execPath, [`${root}dist/cli.js`, 'audit', ...targets], dir)

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Start a long-running server and resolve once `url` answers. */
export async function startServer(command: string, args: string[], cwd: string, url: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited ${child.exitCode}\n${output}`)
    const up = await fetch(url).then(
      () => true,
      () => false,
    )
    if (up) return child
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error(`${url} did not answer within 60 s\n${output}`)
}

/** Stop a server started by {@link startServer}. */
export function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** Wait until `count` events pass `test`, and return them. */
export async function waitForEvents(events: readonly StoredEvent[], test: (e: StoredEvent) => boolean, count = 1): Promise<StoredEvent[]> {
  await expect.poll(() => events.filter(test).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count)
  return events.filter(test)
}

/** The `<head>` of an HTML document, and every `<script …>` start tag in it, in order. */
export function headScripts(html: string): string[] {
  const head = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? ''
  return [...head.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0])
}
