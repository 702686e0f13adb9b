// Shared helpers of the audit tests: a compact, readable form of findings and an independent
// oracle for positions (the needle's place in the fixture text, found with indexOf).
import { readFileSync } from 'node:fs'
import type { AuditFinding as Finding } from '../../src/audit/index.js'

export const FIXTURES = 'test/fixtures/audit'

/** `severity rule tracker line:column [ids]` — one line per finding. */
export function brief(f: Finding): string {
  const at = f.evidence.line !== undefined ? ` ${f.evidence.line}:${f.evidence.column}` : ''
  return `${f.severity} ${f.rule} ${f.subject.id}${at}${f.evidence.ids?.length ? ` [${f.evidence.ids.join(',')}]` : ''}`
}

/** 1-based `line:column` of the first occurrence of `needle` in `file`. */
export function at(file: string, needle: string): string {
  const text = readFileSync(file, 'utf8')
  const index = text.indexOf(needle)
  if (index < 0) throw new Error(`${needle} not in ${file}`)
  const before = text.slice(0, index).split('\n')
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`
}
