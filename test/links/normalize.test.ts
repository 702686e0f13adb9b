import { describe, expect, it } from 'vitest'
import { codeSkeleton, isAmbiguousCode, normalizeCode, normalizeValue } from '../../src/links/normalize.js'

describe('normalizeValue', () => {
  it.each([
    ['YouTube', 'youtube'],
    ['  Launch Week ', 'launch-week'],
    ['launch_week', 'launch-week'],
    ['Launch -- Week!!', 'launch-week'],
    ['Café Talk', 'cafe-talk'],
    ['Ａｃｍｅ', 'acme'],
    ['x.com', 'x-com'],
    ['--edge--', 'edge'],
    ['!!!', ''],
    ['2026', '2026'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeValue(input)).toBe(expected)
  })

  it('is idempotent and only ever writes [a-z0-9-]', () => {
    for (const v of ['Dev Rel', 'ÀÉÎ', 'a/b?c=d&e', 'tab\there', '🙂 emoji', 'ß']) {
      const once = normalizeValue(v)
      expect(once).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/)
      expect(normalizeValue(once)).toBe(once)
    }
  })
})

describe('codes', () => {
  it('normalizeCode lowercases and trims, nothing else', () => {
    expect(normalizeCode(' Theo ')).toBe('theo')
    expect(normalizeCode('Dev_Rel-2')).toBe('dev_rel-2')
  })

  it('isAmbiguousCode flags 0/1 and digits mixed with o/l/i', () => {
    expect(['z0e', 'a1', 'jo2', 'LI9'].map(isAmbiguousCode)).toEqual([true, true, true, true])
    expect(['theo', 'lola', 'dev2', 'abc'].map(isAmbiguousCode)).toEqual([false, false, false, false])
  })

  it('codeSkeleton folds characters that read alike', () => {
    expect(codeSkeleton('LE0')).toBe(codeSkeleton('leo'))
    expect(codeSkeleton('a1i')).toBe(codeSkeleton('all'))
    expect(codeSkeleton('dev-ana')).toBe(codeSkeleton('dev_ana'))
    expect(codeSkeleton('theo')).not.toBe(codeSkeleton('thea'))
  })
})
