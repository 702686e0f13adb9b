import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { linkTypes, type Registry } from '../../src/links/index.js'

const registry: Registry = {
  campaigns: [{ id: 'Launch Week', name: 'Launch', medium: 'affiliate', landing: 'https://acme.dev/' }],
  creators: [
    { id: 'theo', name: 'Theo', platform: 'youtube', channel: 'influencer', code: 'THEO' },
    { id: 'ana', name: 'Ana "the dev"', platform: 'x', channel: 'influencer', code: 'ana' },
  ],
}

const dir = mkdtempSync(join(tmpdir(), 'fp-links-types-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * Type-check several snippets in one program, next to the generated .d.ts; diagnostics per snippet.
 * `firstparty` resolves to `paths` when given, else to a stand-in with an `Events` map.
 */
function typeCheck(snippets: Record<string, string>, paths?: Record<string, string[]>): Record<string, string[]> {
  const root = join(dir, paths ? 'real' : 'stub')
  mkdirSync(join(root, 'node_modules/firstparty'), { recursive: true })
  writeFileSync(join(root, 'node_modules/firstparty/package.json'), '{"name":"firstparty","types":"index.d.ts"}')
  writeFileSync(
    join(root, 'node_modules/firstparty/index.d.ts'),
    'export interface Events { cta_clicked: { cta: string } }\nexport declare function track<K extends keyof Events>(name: K, props: Events[K]): void\n',
  )
  writeFileSync(join(root, 'links.d.ts'), linkTypes(registry))
  const files = Object.entries(snippets).map(([name, code]) => {
    writeFileSync(join(root, `${name}.ts`), `${code}\nexport {}\n`)
    return join(root, `${name}.ts`)
  })
  const program = ts.createProgram([...files, join(root, 'links.d.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    ...(paths ? { paths } : {}),
  })
  return Object.fromEntries(
    Object.keys(snippets).map((name, i) => [
      name,
      ts.getPreEmitDiagnostics(program, program.getSourceFile(files[i]!)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ]),
  )
}

describe('linkTypes', () => {
  it('writes sorted string-literal unions as the links carry them', () => {
    const out = linkTypes(registry)
    expect(out).toContain(`export type CreatorCode = "ana" | "theo"`)
    expect(out).toContain(`export type CampaignId = "launch-week"`)
    expect(linkTypes({ creators: [], campaigns: [] })).toContain('export type CreatorCode = never')
  })

  it('merges into Events and LinkRegistry: registered creators compile, unknown ones do not', () => {
    const head = `import { track, type LinkRegistry } from 'firstparty'\n`
    const result = typeCheck({
      ok: `${head}track('creator_attributed', { code: 'theo', campaign: 'launch-week' })\ntrack('cta_clicked', { cta: 'hero' })\nconst c: LinkRegistry['creatorCode'] = 'ana'\nvoid c`,
      unknownCreator: `${head}track('creator_attributed', { code: 'nobody' })`,
      unknownCampaign: `${head}track('creator_attributed', { code: 'theo', campaign: 'old' })`,
      unknownRegistryCode: `${head}const c: LinkRegistry['creatorCode'] = 'nobody'\nvoid c`,
    })
    expect(result.ok).toEqual([])
    expect(result.unknownCreator!.join('\n')).toMatch(/"nobody"/)
    expect(result.unknownCampaign!.join('\n')).toMatch(/"old"/)
    expect(result.unknownRegistryCode!.join('\n')).toMatch(/"nobody"/)
  }, 60_000)

  it('merges into the real firstparty Events: Client.track accepts registered creators only', () => {
    const head = `import { init } from 'firstparty'\nconst analytics = init({ token: 'phc_x' })\n`
    // `firstparty` is this repository's source, as a site would import the package.
    const result = typeCheck(
      {
        ok: `${head}analytics.track('creator_attributed', { code: 'ana', campaign: 'launch-week' })`,
        unknown: `${head}analytics.track('creator_attributed', { code: 'nobody' })`,
      },
      { firstparty: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))] },
    )
    expect(result.ok).toEqual([])
    expect(result.unknown!.join('\n')).toMatch(/"nobody"/)
  }, 90_000)
})
