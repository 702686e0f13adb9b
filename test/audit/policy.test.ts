import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyPolicy, auditStatic, DEFAULT_POLICY, levelFor, policyFrom, POLICY_CATEGORIES, type AuditFinding as Finding } from '../../src/audit/index.js'
import { TRACKERS } from '../../src/trackers/index.js'
import { brief, FIXTURES } from './helpers.js'

const finding = (rule: Finding['rule'], severity: Finding['severity'], category: string): Finding => ({
  severity,
  rule,
  subject: { id: 'x', name: 'X', vendor: 'X', category },
  page: 'p.html',
  evidence: { source: 's', match: 'm' },
  message: 'm',
})

describe('category policy', () => {
  it('default: analytics, ads, tag managers, session replay, CDPs and marketing are errors; chat warns; fonts, video, payments, CDNs are notes', () => {
    // Catalog categories and third-party-web categories both map.
    expect(['analytics', 'advertising', 'ad', 'tag-manager', 'session-replay', 'cdp', 'marketing-automation', 'marketing'].map((c) => levelFor(c))).toEqual(
      Array(8).fill('error'),
    )
    expect(['chat', 'customer-success', 'social', 'consent-provider', 'other', 'something-new'].map((c) => levelFor(c))).toEqual(Array(6).fill('warning'))
    expect(['cdn', 'video', 'utility', 'content', 'hosting'].map((c) => levelFor(c))).toEqual(Array(5).fill('note'))
    // Every catalogued tracker with a denied category is an error by default: the vendors included.
    const denied = TRACKERS.filter((t) => levelFor(t.category) === 'error').map((t) => t.id)
    for (const id of [
      'plausible',
      'umami',
      'fathom',
      'matomo',
      'piwik-pro',
      'yandex-metrica',
      'baidu-tongji',
      'adobe-analytics',
      'adobe-launch',
      'crazy-egg',
      'mouseflow',
      'lucky-orange',
      'smartlook',
      'klaviyo',
      'criteo',
      'taboola',
      'outbrain',
      'quora-pixel',
      'vercel-analytics',
      'cloudflare-web-analytics',
      'google-optimize',
      'hubspot-forms',
    ])
      expect(denied, id).toContain(id)
    expect(['intercom', 'drift', 'addthis'].map((id) => levelFor(TRACKERS.find((t) => t.id === id)?.category ?? ''))).toEqual(['warning', 'warning', 'warning'])
  })

  it("a rule's own severity is a ceiling, except for third-party findings, which take the policy's word", () => {
    const out = applyPolicy([
      finding('tracker-csp', 'warning', 'analytics'),
      finding('tracker-snippet', 'error', 'cdn'),
      finding('third-party', 'warning', 'analytics'),
      finding('third-party', 'warning', 'video'),
    ])
    expect(out.map((f) => f.severity)).toEqual(['warning', 'note', 'error', 'note'])
  })

  it('is configurable: "deny" replaces the error list, "warn" the warning list', async () => {
    const policy = policyFrom({ deny: ['ad', 'tag-manager'], warn: ['analytics'] })
    expect(policy).toEqual({ deny: ['ad', 'tag-manager'], warn: ['analytics'] })
    const r = await auditStatic([`${FIXTURES}/dirty/gtag.html`], { policy })
    expect(r.findings.map(brief)).toEqual(['warning tracker-resource ga4 7:1 [G-ABC123XYZ9]', 'warning tracker-snippet ga4 10:3 [G-ABC123XYZ9]'])
    expect(() => policyFrom({ deny: ['analytic'] })).toThrow('unknown category "analytic"')
  })

  it("property: severity never rises above the rule's own for catalog rules, and always equals the policy for third parties", () => {
    const rules: Finding['rule'][] = ['tracker-resource', 'tracker-snippet', 'tracker-id', 'tracker-csp', 'tracker-package', 'tracker-blocked', 'third-party']
    const rank = { note: 0, warning: 1, error: 2 }
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.constantFrom<Finding['severity']>('error', 'warning', 'note'),
        fc.oneof(fc.constantFrom(...POLICY_CATEGORIES, 'advertising', 'customer-success'), fc.string()),
        fc.subarray([...POLICY_CATEGORIES]),
        (rule, severity, category, deny) => {
          const policy = { deny, warn: DEFAULT_POLICY.warn.filter((c) => !deny.includes(c)) }
          const [out] = applyPolicy([finding(rule, severity, category)], policy)
          const level = levelFor(category, policy)
          if (rule === 'third-party') return out?.severity === level
          return rank[out?.severity ?? 'error'] <= rank[severity] && rank[out?.severity ?? 'error'] <= rank[level]
        },
      ),
    )
  })
})
