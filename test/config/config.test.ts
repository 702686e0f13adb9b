import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/errors.js'
import { loadConfig } from '../../src/config/index.js'

const dir = mkdtempSync(join(tmpdir(), 'fp-config-'))
const file = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const cwd = process.cwd()
afterEach(() => process.chdir(cwd))

describe('loadConfig', () => {
  it('reads a valid file and keeps other sections', async () => {
    const path = file('ok.json', JSON.stringify({ allow: ['*.youtube.com'], mode: 'strict', posthog: { apiHost: '/ingest' }, audit: { x: 1 } }))
    expect(await loadConfig(path)).toEqual({ allow: ['*.youtube.com'], mode: 'strict', posthog: { apiHost: '/ingest' }, audit: { x: 1 } })
  })

  it('returns {} when the default file is missing, and reads it from cwd when present', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'fp-empty-'))
    process.chdir(empty)
    expect(await loadConfig()).toEqual({})
    writeFileSync(join(empty, 'firstparty.config.json'), '{"mode":"catalog"}')
    expect(await loadConfig()).toEqual({ mode: 'catalog' })
  })

  it('rejects a missing explicit file, bad JSON and wrong types with file and field', async () => {
    await expect(loadConfig(join(dir, 'nope.json'))).rejects.toThrow(/config file not found: .*nope\.json/)
    await expect(loadConfig(file('bad.json', '{allow:'))).rejects.toThrow(/bad\.json:1:2: invalid JSON: /)
    await expect(loadConfig(file('t1.json', '{"allow":"x.com"}'))).rejects.toThrow(/t1\.json: "allow" must be/)
    await expect(loadConfig(file('t2.json', '{"mode":"loose"}'))).rejects.toThrow(/t2\.json: "mode" must be/)
    await expect(loadConfig(file('t3.json', '{"posthog":{"apiHost":1}}'))).rejects.toThrow(/t3\.json: "posthog\.apiHost" must be/)
    await expect(loadConfig(file('t4.json', '[1]'))).rejects.toBeInstanceOf(UsageError)
  })
})
