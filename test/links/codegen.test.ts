import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

/** Type-check `code` against the generated .d.ts and a stand-in `firstparty` with an `Events` map. */
function diagnostics(code: string, types = linkTypes(registry)): string[] {
  mkdirSync(join(dir, 'node_modules/firstparty'), { recursive: true })
  writeFileSync(join(dir, 'node_modules/firstparty/package.json'), '{"name":"firstparty","types":"index.d.ts"}')
  writeFileSync(
    join(dir, 'node_modules/firstparty/index.d.ts'),
    'export interface Events { cta_clicked: { cta: string } }\nexport declare function track<K extends keyof Events>(name: K, props: Events[K]): void\n',
  )
  writeFileSync(join(dir, 'links.d.ts'), types)
  writeFileSync(join(dir, 'use.ts'), code)
  const program = ts.createProgram([join(dir, 'use.ts'), join(dir, 'links.d.ts')], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  })
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

describe('linkTypes', () => {
  it('writes sorted string-literal unions as the links carry them', () => {
    const out = linkTypes(registry)
    expect(out).toContain(`export type CreatorCode = "ana" | "theo"`)
    expect(out).toContain(`export type CampaignId = "launch-week"`)
    expect(linkTypes({ creators: [], campaigns: [] })).toContain('export type CreatorCode = never')
  })

  it('merges into Events: registered creators compile, unknown ones do not', () => {
    expect(diagnostics(`import { track } from 'firstparty'\ntrack('creator_attributed', { code: 'theo', campaign: 'launch-week' })\ntrack('cta_clicked', { cta: 'hero' })\n`)).toEqual([])
    const errors = diagnostics(`import { track } from 'firstparty'\ntrack('creator_attributed', { code: 'nobody' })\n`)
    expect(errors.join('\n')).toMatch(/"nobody"/)
    expect(diagnostics(`import { track } from 'firstparty'\ntrack('creator_attributed', { code: 'theo', campaign: 'old' })\n`)).toHaveLength(1)
  })

  it('exposes LinkRegistry for APIs that take a creator', () => {
    expect(diagnostics(`import type { LinkRegistry } from 'firstparty'\nconst c: LinkRegistry['creatorCode'] = 'ana'\nexport { c }\n`)).toEqual([])
  })
})
