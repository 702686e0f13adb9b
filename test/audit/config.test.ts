import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/index.js'

const dir = mkdtempSync(join(tmpdir(), 'fp-audit-config-'))
const write = (name: string, data: unknown): string => {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(data))
  return file
}

describe('firstparty.config.json "audit" section', () => {
  it('is read with the rest of the policy', async () => {
    const config = await loadConfig(
      write('ok.json', { allow: ['player.vimeo.com'], audit: { failOn: 'warning', wait: 0, acceptConsent: '#accept', maxPages: 20 } }),
    )
    expect(config.audit).toEqual({ failOn: 'warning', wait: 0, acceptConsent: '#accept', maxPages: 20 })
    const policy = await loadConfig(write('policy.json', { deny: ['analytics', 'ad', 'tag-manager'], audit: { warn: ['chat'] } }))
    expect(policy.deny).toEqual(['analytics', 'ad', 'tag-manager'])
    expect(policy.audit?.warn).toEqual(['chat'])
  })

  it('rejects wrong types, naming the file and the field', async () => {
    const cases: [unknown, string][] = [
      [{ audit: [] }, '"audit.(section)" must be an object'],
      [{ audit: { failOn: 'fatal' } }, '"audit.failOn" must be "error" or "warning"'],
      [{ audit: { maxPages: 0 } }, '"audit.maxPages" must be an integer ≥ 1'],
      [{ audit: { wait: 1.5 } }, '"audit.wait" must be an integer ≥ 0'],
      [{ audit: { acceptConsent: 1 } }, '"audit.acceptConsent" must be true, false or a CSS selector'],
      [{ audit: { deny: 'analytics' } }, '"audit.deny" must be an array of categories'],
      [{ deny: ['analytics', 'ads'] }, '"deny" has an unknown category "ads"'],
      [{ warn: [1] }, '"warn" must be an array of categories'],
    ]
    for (const [data, message] of cases) {
      const file = write('bad.json', data)
      await expect(loadConfig(file)).rejects.toThrow(`${file}: ${message}`)
    }
  })
})
