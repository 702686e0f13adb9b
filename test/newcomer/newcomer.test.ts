// A new user's first hour, in fresh projects outside this repository: the packed tarball (what npm would
// publish) installed next to today's framework majors from the npm registry, and each recipe of
// docs/integrations.md run as written. The recipes are the example folders' files (docs/integrations.md is
// compared with them by test/docs/integrations.test.ts), so running the examples' files is running the docs.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleDir, freePort, headScripts, root, run, runOk, startServer, stopServer } from '../examples/helpers.js'

/** The majors a newcomer gets today; the first test fails when the registry moves on, so they get bumped. */
const MAJORS = { next: '16', vite: '8', react: '19', typescript: '5.9', typescript7: '7' } as const
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string }
const work = mkdtempSync(join(tmpdir(), 'fp-newcomer-'))
const base = join(work, 'base')
const next = join(work, 'next')
const bin = (name: string, dir = base): string => join(dir, 'node_modules/.bin', name)
const tsc5 = (): string => join(base, 'node_modules/typescript/bin/tsc')
const tsc7 = (): string => join(base, 'node_modules/typescript7/bin/tsc')
// What a newcomer's `npm install` resolves: the registry as it is now. `--prefer-offline` resolved against cached
// packuments, which predate a release (next 16.5.0 needing @next/env 16.5.0 failed with ETARGET; npm/cli#6367,
// #7604); `--prefer-online` revalidates the metadata and still takes tarballs from the cache.
const install = (dir: string): Promise<unknown> => runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-online', '--loglevel=error'], dir)
const writeJson = (path: string, value: unknown): void => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)

/** Copy an example's own files (not its installed or built output) into a fresh folder. */
function copyExample(name: string, to: string): void {
  const skip = new Set(['node_modules', 'package-lock.json', 'package.json', 'dist', '.next', 'next-env.d.ts', 'events.ndjson'])
  cpSync(exampleDir(name), to, { recursive: true, filter: (source) => !skip.has(source.split('/').at(-1) ?? '') })
}

let tarball = ''
beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: `npm run test:newcomer` builds first')
  const packed = await runOk('npm', ['pack', '--silent', '--pack-destination', work], root)
  tarball = join(work, packed.stdout.trim().split('\n').at(-1) ?? '')

  // One install for the Node, TypeScript, Vite and plain-HTML projects (they are sub-folders and resolve
  // node_modules upwards, as in a monorepo); Next.js gets its own, as `create-next-app` would.
  mkdirSync(base)
  writeJson(join(base, 'package.json'), {
    name: 'newcomer',
    private: true,
    type: 'module',
    dependencies: { firstparty: `file:${tarball}` },
    devDependencies: {
      vite: MAJORS.vite,
      typescript: `${MAJORS.typescript}.x`,
      typescript7: `npm:typescript@${MAJORS.typescript7}`,
      '@types/node': '20',
    },
  })
  copyExample('nextjs', next)
  writeJson(join(next, 'package.json'), {
    name: 'newcomer-next',
    private: true,
    type: 'module',
    scripts: { build: 'next build' },
    dependencies: { firstparty: `file:${tarball}`, next: MAJORS.next, react: MAJORS.react, 'react-dom': MAJORS.react },
    devDependencies: { typescript: `${MAJORS.typescript}.x`, '@types/node': '20', '@types/react': MAJORS.react, '@types/react-dom': MAJORS.react },
  })
  // Both settle before anything fails: afterAll must not remove a folder an install is still writing.
  const installs = await Promise.allSettled([install(base), install(next)])
  for (const outcome of installs) if (outcome.status === 'rejected') throw outcome.reason
})
afterAll(() => rmSync(work, { recursive: true, force: true, maxRetries: 5 }))

describe('the registry', () => {
  it.each(Object.entries({ next: MAJORS.next, vite: MAJORS.vite, react: MAJORS.react }))('serves %s %s as its latest major', async (name, major) => {
    const latest = (await runOk('npm', ['view', name, 'version'], work)).stdout.trim()
    expect(latest.split('.')[0]).toBe(major)
  })

  it('serves TypeScript 7 as latest, and still 5.9', async () => {
    const versions = JSON.parse((await runOk('npm', ['view', 'typescript', 'versions', '--json'], work)).stdout) as string[]
    expect(versions.some((v) => v.startsWith('5.9.'))).toBe(true)
    expect((await runOk('npm', ['view', 'typescript', 'version'], work)).stdout.trim()).toMatch(/^7\./)
  })
})

describe('the CLI from node_modules/.bin', () => {
  it('prints its version', async () => {
    expect((await runOk(bin('firstparty'), ['--version'], base)).stdout.trim()).toBe(pkg.version)
  })

  it('builds the CSP from firstparty.config.json and checks a link registry', async () => {
    const dir = join(base, 'cli')
    mkdirSync(dir)
    cpSync(join(exampleDir('vite-site'), 'firstparty.config.json'), join(dir, 'firstparty.config.json'))
    expect((await runOk(bin('firstparty'), ['csp'], dir)).stdout).toMatch(/script-src [^;]*player\.vimeo\.com/)
    const links = await run(bin('firstparty'), ['links', 'check', join(exampleDir('influencer-links'), 'firstparty.links.json')], dir)
    expect(links.code, links.stderr).toBe(0)
  })

  it('answers a bad flag with one line and exit 2', async () => {
    const result = await run(bin('firstparty'), ['audit', '--format', 'nope', '.'], base)
    expect(result.code).toBe(2)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('Node', () => {
  const entries = ['firstparty', 'firstparty/server', 'firstparty/vite', 'firstparty/react', 'firstparty/audit', 'firstparty/config']
  it('imports every entry from ESM', async () => {
    const code = `for (const e of ${JSON.stringify(entries)}) { const m = await import(e); if (Object.keys(m).length === 0) throw new Error(e) }; console.log('ok')`
    expect((await runOk(process.execPath, ['--input-type=module', '-e', code], base)).stdout.trim()).toBe('ok')
  })

  it('requires every entry from CommonJS, and the errors are the same classes in both', async () => {
    const dir = join(base, 'cjs')
    mkdirSync(dir)
    writeJson(join(dir, 'package.json'), { type: 'commonjs' })
    writeFileSync(
      join(dir, 'index.js'),
      `for (const e of ${JSON.stringify(entries)}) if (Object.keys(require(e)).length === 0) throw new Error(e)
const { UsageError, FirstpartyError } = require('firstparty/config')
if (!(new UsageError('x') instanceof FirstpartyError) || new UsageError('x').name !== 'UsageError') throw new Error('hierarchy')
console.log('ok')\n`,
    )
    expect((await runOk(process.execPath, ['index.js'], dir)).stdout.trim()).toBe('ok')
  })
})

/** Each module resolution a TypeScript user may have, with the package type it needs. */
const resolutions = {
  bundler: { type: 'module', compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } },
  nodenext: { type: 'module', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } },
  'node16 in a CommonJS package': { type: 'commonjs', compilerOptions: { module: 'node16', moduleResolution: 'node16' } },
  'module commonjs': { type: 'commonjs', compilerOptions: { module: 'commonjs' } },
} as const

describe.each([
  ['TypeScript 5.9', tsc5],
  ['TypeScript 7', tsc7],
])('%s, skipLibCheck: false', (name, tsc) => {
  it.concurrent.each(Object.entries(resolutions))('resolves every entry under %s', async (mode, { type, compilerOptions }) => {
    const dir = join(base, `ts-${name.replace(/\W+/g, '')}-${mode.replace(/\W+/g, '-')}`)
    mkdirSync(dir, { recursive: true })
    writeJson(join(dir, 'package.json'), { type })
    // Vite's own declarations need node16, nodenext or bundler resolution (TypeScript 5.9's module commonjs
    // means node10); that is Vite's requirement, so firstparty/vite is compiled everywhere else.
    const files = name === 'TypeScript 5.9' && mode === 'module commonjs' ? ['entries.ts'] : ['entries.ts', 'vite.ts']
    for (const file of files) cpSync(join(root, 'test/newcomer/fixtures', file), join(dir, file))
    writeJson(join(dir, 'tsconfig.json'), {
      compilerOptions: { ...compilerOptions, target: 'es2022', lib: ['es2022', 'dom'], types: ['node'], strict: true, noEmit: true, skipLibCheck: false },
      files,
    })
    const result = await run(process.execPath, [tsc(), '-p', dir], dir)
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  })
})

describe('Vite, multi-page (examples/vite-site)', () => {
  const dir = join(base, 'vite-site')
  const guardAfterCharset = (html: string): void => {
    expect(headScripts(html)[0]).toBe('<script data-allow="player.vimeo.com">')
    // HTML wants the charset declaration within the first 1,024 bytes: the guard comes right after it.
    expect(html.indexOf('<meta charset')).toBeLessThan(1024)
    expect(html).toMatch(/<meta charset="utf-8">\s*<script data-allow=/)
  }

  it('type-checks with the tsconfig shown, builds every page, and passes the audit', async () => {
    copyExample('vite-site', dir)
    const checked = await run(process.execPath, [tsc5(), '-p', dir], dir)
    expect(checked.stdout + checked.stderr).toBe('')
    await runOk(bin('vite'), ['build'], dir)
    for (const page of ['index.html', 'pricing.html']) guardAfterCharset(readFileSync(join(dir, 'dist', page), 'utf8'))
    const audit = await run(bin('firstparty'), ['audit', 'dist'], dir)
    expect(audit.stdout).toContain('0 tracker findings')
    expect(audit.code).toBe(0)
  })

  it('serves the guard right after <meta charset> in `vite` (dev)', async () => {
    const port = await freePort()
    let server: ChildProcess | undefined
    try {
      server = await startServer(bin('vite'), ['--port', String(port), '--strictPort', '--host', '127.0.0.1'], dir, `http://127.0.0.1:${port}/`)
      for (const page of ['/', '/pricing.html']) guardAfterCharset(await (await fetch(`http://127.0.0.1:${port}${page}`)).text())
    } finally {
      await stopServer(server)
    }
  })
})

describe('Next.js, App Router (examples/nextjs)', () => {
  it('builds as written and passes the audit', async () => {
    const build = await run(bin('next', next), ['build'], next, { NEXT_TELEMETRY_DISABLED: '1' })
    expect(build.code, build.stdout + build.stderr).toBe(0)
    const html = readFileSync(join(next, '.next/server/app/index.html'), 'utf8')
    // As docs/integrations.md says: the guard is the first script of the layout, and what Next.js puts before
    // it in <head> is its own async chunks from this origin.
    const scripts = headScripts(html)
    const guard = scripts.findIndex((tag) => /data-allow="player\.vimeo\.com"/.test(tag) && /src="\/firstparty\/guard\.js\?v=\w+"/.test(tag))
    expect(guard).toBeGreaterThanOrEqual(0)
    for (const before of scripts.slice(0, guard)) expect(before).toMatch(/^<script src="\/_next\/static\/chunks\/[\w.-]+\.js" async="">$/)
    const audit = await run(bin('firstparty', next), ['audit', '.next/server/app', '.next/static'], next)
    expect(audit.stdout).toContain('0 tracker findings')
    expect(audit.code).toBe(0)
  }, 600_000) // a production build with its own type check: the slowest step
})

describe('plain HTML, no build step (examples/plain-html)', () => {
  const dir = join(base, 'plain-html')
  it('serves the copied dist files with `firstparty dev` and passes the audit', async () => {
    copyExample('plain-html', dir)
    mkdirSync(join(dir, 'firstparty'))
    for (const file of ['guard.global.js', 'firstparty.global.js', 'firstparty.early.js', 'firstparty.posthog.js'])
      cpSync(join(base, 'node_modules/firstparty/dist', file), join(dir, 'firstparty', file))
    const audit = await run(bin('firstparty'), ['audit', '.'], dir)
    expect(audit.stdout).toContain('0 tracker findings')
    expect(audit.code).toBe(0)

    const port = await freePort()
    let server: ChildProcess | undefined
    try {
      const url = `http://127.0.0.1:${port}`
      server = await startServer(bin('firstparty'), ['dev', '--dir', '.', '--port', String(port), '--no-store', '--quiet'], dir, `${url}/`)
      expect(await (await fetch(`${url}/`)).text()).toContain('/firstparty/guard.global.js')
      for (const file of ['guard.global.js', 'firstparty.global.js', 'firstparty.early.js']) expect((await fetch(`${url}/firstparty/${file}`)).status).toBe(200)
      const sent = await fetch(`${url}/ingest/e/`, {
        method: 'POST',
        body: JSON.stringify({ event: '$pageview', properties: { distinct_id: 'd', token: 't' } }),
      })
      expect(sent.status).toBe(200)
    } finally {
      await stopServer(server)
    }
  })
})
