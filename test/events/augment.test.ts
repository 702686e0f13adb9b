// Declaration merging against the *published* types: a site in a temp folder imports 'firstparty'
// through node_modules (a symlink to this package, so package.json `exports`/`types` decide what
// resolves) and augments `Events`. Needs `npm run build` first (npm test does it).
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
let dir = ''

const AUGMENT = `
declare module 'firstparty' {
  interface Events {
    plan_upgraded: { plan: 'pro' | 'team'; seats: number }
  }
}
`
const SITE = `
import { init } from 'firstparty'
const analytics = init({ token: 'phc_test' })
analytics.track('plan_upgraded', { plan: 'pro', seats: 3 })
analytics.track('cta_clicked', { cta: 'hero' })
// @ts-expect-error typo in a merged event name
analytics.track('plan_upgrade', { plan: 'pro', seats: 3 })
// @ts-expect-error wrong property type on a merged event
analytics.track('plan_upgraded', { plan: 'enterprise', seats: 3 })
`

/** Type errors of a one-file site compiled like a user project would be. */
function compile(name: string, source: string, resolution: 'bundler' | 'nodenext'): string[] {
  const file = join(dir, `${name}.ts`)
  writeFileSync(file, source)
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    ...(resolution === 'bundler'
      ? { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }
      : { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }),
  }
  const program = ts.createProgram([file], options)
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.d.ts'))) throw new Error('dist/index.d.ts missing: run `npm run build` first')
  dir = mkdtempSync(join(tmpdir(), 'firstparty-augment-'))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(root, join(dir, 'node_modules', 'firstparty'), 'dir')
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'site', type: 'module' }))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("declare module 'firstparty' against dist/index.d.ts", () => {
  it.each(['bundler', 'nodenext'] as const)(
    'merged events type-check (%s resolution)',
    (resolution) => {
      expect(compile(`site-${resolution}`, AUGMENT + SITE, resolution)).toEqual([])
    },
    60_000,
  )

  it('without the declaration the same site does not compile', () => {
    const errors = compile('site-plain', SITE, 'bundler')
    expect(errors.join('\n')).toMatch(/"plan_upgraded"/)
  }, 60_000)
})
