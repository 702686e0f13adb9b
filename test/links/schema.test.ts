import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CAMPAIGN_FIELDS, CREATOR_FIELDS, REGISTRY_FIELDS } from '../../src/links/fields.js'
import { CREATOR_CHANNELS } from '../../src/links/index.js'

interface ObjectSchema {
  required: string[]
  properties: Record<string, { enum?: string[] }>
}
const schema = JSON.parse(readFileSync(new URL('../../schema/firstparty.links.schema.json', import.meta.url), 'utf8')) as ObjectSchema & {
  $defs: { creator: ObjectSchema; campaign: ObjectSchema }
}
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { files: string[]; exports: Record<string, unknown> }

const required = (fields: Record<string, { required: boolean }>): string[] => Object.keys(fields).filter((f) => fields[f]?.required)

describe('the shipped JSON Schema says what the validator checks', () => {
  it.each([
    ['registry', schema, REGISTRY_FIELDS],
    ['creator', schema.$defs.creator, CREATOR_FIELDS],
    ['campaign', schema.$defs.campaign, CAMPAIGN_FIELDS],
  ] as const)('%s: same fields, same required ones', (_name, s, fields) => {
    expect(Object.keys(s.properties).sort()).toEqual(Object.keys(fields).sort())
    expect([...s.required].sort()).toEqual(required(fields).sort())
  })

  it('lists the channels the attribution classifier knows', () => {
    expect(schema.$defs.creator.properties.channel?.enum).toEqual([...CREATOR_CHANNELS])
  })

  it('is published with the package', () => {
    expect(pkg.files).toContain('schema/firstparty.links.schema.json')
    expect(pkg.exports['./links.schema.json']).toBe('./schema/firstparty.links.schema.json')
  })
})
