import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isFirstpartyGuard as auditOwn } from '../../src/audit/static/own.js'
import { compactCatalog, decodeGuardData } from '../../src/guard/compact.js'
import { carriesGuard, isFirstpartyGuard } from '../../src/guard/detect.js'
import { TRACKERS } from '../../src/trackers/index.js'

describe('the one own-guard rule', () => {
  const rows = decodeGuardData(compactCatalog(TRACKERS))

  it('recognises the built guard, also as the page (its rows) and as the audit (the catalog) see it', () => {
    const guard = readFileSync('dist/guard.global.js', 'utf8') // vitest runs from the repository root
    expect(carriesGuard(guard, rows)).toBe(true)
    expect(isFirstpartyGuard(guard)).toBe(true)
    // Repeated inside a framework's data script (JSON-escaped), it is still the guard.
    expect(carriesGuard(JSON.stringify(`<script>${guard}</script>`), rows)).toBe(true)
  })

  it('is the one the audit uses', () => {
    expect(auditOwn).toBe(isFirstpartyGuard)
  })

  it('does not take tracker snippets or code that names a few trackers for the guard', () => {
    expect(carriesGuard("!function(f,b,e,v,n,t,s){if(f.fbq)return;};fbq('init', '1')", rows)).toBe(false)
    expect(isFirstpartyGuard("addEventListener('firstparty:blocked', (e) => log(e.detail))")).toBe(false)
    const four = rows
      .slice(0, 5)
      .map((r) => `${r.id};x`)
      .join('|') // four `|id;` rows: one short
    expect(carriesGuard(four, rows)).toBe(false)
    expect(carriesGuard(`${four}|${rows[5]!.id};x`, rows)).toBe(true)
  })
})
