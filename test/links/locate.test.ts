import { describe, expect, it } from 'vitest'
import { jsonLines } from '../../src/links/locate.js'

describe('jsonLines', () => {
  it('maps each value path to the line it starts on', () => {
    const text = '{\n  "a": [\n    1,\n    { "b": "x\\"y",\n      "c": null }\n  ],\n  "d": {}\n}'
    const lines = jsonLines(text)
    expect(Object.fromEntries(lines)).toEqual({ '': 1, a: 2, 'a/0': 3, 'a/1': 4, 'a/1/b': 4, 'a/1/c': 5, d: 7 })
  })

  it('handles keys with slashes-free unicode, escapes and one-line JSON', () => {
    const lines = jsonLines('{"k\\u00e9y":[[],[{"z":true}]]}')
    expect(lines.get('kéy/1/0/z')).toBe(1)
  })

  it('returns what it found on broken text instead of throwing', () => {
    expect(() => jsonLines('{"a": [1, {')).not.toThrow()
    expect(jsonLines('{\n"a": 1, "b"').get('a')).toBe(2)
  })
})
