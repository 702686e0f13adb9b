// The built `firstparty/vite` plugin driven by Vite's own API: dev server, build and preview.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, createServer, preview, type InlineConfig } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandler, toNodeListener } from '../../src/server/index.js'
import type { CapturedEvent } from '../../src/server/decode.js'

type PluginModule = typeof import('../../src/vite/index.js')
let firstparty: PluginModule['firstparty']
let site: string

const PAGE = '<!doctype html>\n<html><head><meta charset="utf-8"><title>t</title></head><body><script type="module" src="/main.js"></script></body></html>'
const batch = (event: string): RequestInit => ({ method: 'POST', body: JSON.stringify({ api_key: 't', batch: [{ event, properties: { distinct_id: 'd' } }] }) })
const CONFIG = JSON.stringify({ allow: ['player.vimeo.com'], mode: 'strict' })
const quiet = (extra: InlineConfig): InlineConfig => ({ root: site, configFile: false, logLevel: 'silent', ...extra })

beforeAll(async () => {
  const dist = fileURLToPath(new URL('../../dist/vite.js', import.meta.url))
  if (!existsSync(dist))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)')
    // The built plugin: from source the guard code is not inlined yet (the library build does that).
  ;({ firstparty } = (await import(dist)) as PluginModule)
  site = mkdtempSync(join(tmpdir(), 'firstparty-vite-'))
  writeFileSync(join(site, 'index.html'), PAGE)
  writeFileSync(join(site, 'main.js'), 'document.title = "ok"\n')
  writeFileSync(join(site, 'firstparty.config.json'), CONFIG)
})
afterAll(() => rmSync(site, { recursive: true, force: true }))

describe('dev server', () => {
  it('serves every page with the guard first in <head>, configured from firstparty.config.json', async () => {
    const events: CapturedEvent[] = []
    const server = await createServer(
      quiet({ plugins: [firstparty({ ingest: { onEvent: (e) => void events.push(e) } })], server: { port: 0, host: '127.0.0.1' } }),
    )
    await server.listen()
    try {
      const base = server.resolvedUrls!.local[0]!
      const html = await (await fetch(base)).text()
      // Vite's dev client goes first in <head>, even before <meta charset>: the plugin moves the charset back to
      // the top (it must be in the first 1,024 bytes) and puts the guard right after it, before the client.
      expect(html).toMatch(/^<!doctype html>\n<html><head><meta charset="utf-8"><script data-allow="player\.vimeo\.com" data-mode="strict">/)
      expect(html.indexOf('data-allow=')).toBeLessThan(html.indexOf('/@vite/client'))

      const res = await fetch(new URL('/ingest/e/', base), batch('cta_clicked'))
      expect(res.status).toBe(200)
      expect(events.map((e) => e.event)).toEqual(['cta_clicked'])
      // Other paths are Vite's.
      expect(await (await fetch(new URL('/main.js', base))).text()).toContain('document.title')

      // Editing the policy file applies to the next page load.
      writeFileSync(join(site, 'firstparty.config.json'), JSON.stringify({ allow: ['www.youtube-nocookie.com'] }))
      await expect
        .poll(async () => (await (await fetch(base)).text()).includes('<script data-allow="www.youtube-nocookie.com">'), { timeout: 10_000 })
        .toBe(true)
      writeFileSync(join(site, 'firstparty.config.json'), CONFIG)
    } finally {
      await server.close()
    }
  })

  it('prints each event through Vite’s logger by default', async () => {
    const lines: string[] = []
    const logger = {
      info: (m: string) => lines.push(m),
      warn: () => {},
      warnOnce: () => {},
      error: () => {},
      clearScreen: () => {},
      hasErrorLogged: () => false,
      hasWarned: false,
    }
    const server = await createServer(quiet({ plugins: [firstparty()], customLogger: logger, logLevel: 'info', server: { port: 0, host: '127.0.0.1' } }))
    await server.listen()
    try {
      await fetch(new URL('/ingest/e/', server.resolvedUrls!.local[0]!), batch('signup_completed'))
      expect(lines.some((l) => l.includes('signup_completed'))).toBe(true)
    } finally {
      await server.close()
    }
  })
})

describe('build', () => {
  it('inlines the guard in the built page; plugin options win over the config file', async () => {
    const outDir = join(site, 'out-a')
    await build(quiet({ plugins: [firstparty({ guard: { allow: ['cdn.example.com'], mode: 'catalog' } })], build: { outDir } }))
    const html = readFileSync(join(outDir, 'index.html'), 'utf8')
    expect(html).toContain('<meta charset="utf-8"><script data-allow="cdn.example.com">')
    // The guard's code, not a reference to a file.
    expect(html).toMatch(/<script data-allow="cdn\.example\.com">[^<][\s\S]{1000,}?<\/script><title>/)
  })

  it('leaves pages alone with guard: false', async () => {
    const outDir = join(site, 'out-b')
    await build(quiet({ plugins: [firstparty({ guard: false })], build: { outDir } }))
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).not.toContain('data-allow')
  })

  it('fails the build naming the file when an explicit config file is missing', async () => {
    await expect(build(quiet({ plugins: [firstparty({ config: 'nope.json' })], build: { outDir: join(site, 'out-c') } }))).rejects.toThrow(/nope\.json/)
  })
})

describe('preview server', () => {
  it('proxies /ingest to PostHog with ingest.upstream', async () => {
    const upstreamEvents: CapturedEvent[] = []
    const upstream = createHttpServer(toNodeListener(createHandler({ basePath: '/', onEvent: (e) => void upstreamEvents.push(e) })))
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r))
    const outDir = join(site, 'out-d')
    const plugins = [firstparty({ ingest: { upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` } })]
    await build(quiet({ plugins, build: { outDir } }))
    const server = await preview(quiet({ plugins, build: { outDir }, preview: { port: 0, host: '127.0.0.1' } }))
    try {
      const res = await fetch(new URL('/ingest/e/', server.resolvedUrls!.local[0]!), batch('plan_selected'))
      expect(res.status).toBe(200)
      expect(upstreamEvents.map((e) => e.event)).toEqual(['plan_selected'])
    } finally {
      await server.close()
      upstream.closeAllConnections()
      await new Promise((r) => upstream.close(r))
    }
  })
})
