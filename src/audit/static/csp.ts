// CSP (a <meta>, or a header value written in code): a policy that lets a tracker host in is a plan to load
// it. Reported as a warning of its own ("your CSP allows …"), since nothing is fetched because of the policy.
import { classifyUrl, subjectOf } from '../classify.js'
import type { Finding } from '../types.js'

/** Keywords and scheme sources that are not hosts. */
const NOT_A_HOST = /^('|\*$|[a-z][a-z0-9+.-]*:$)/i

/**
 * Catalogued tracker hosts allowed by a Content-Security-Policy string.
 *
 * @example scanCsp("script-src 'self' https://www.googletagmanager.com", 'index.html', { line: 3, column: 5 }, [])
 */
export function scanCsp(
  policy: string,
  page: string,
  at: { line: number; column: number },
  allow: readonly string[],
  where = '<meta http-equiv="Content-Security-Policy">',
): Finding[] {
  const findings: Finding[] = []
  const seen = new Set<string>()
  for (const directive of policy.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/)
    for (const source of sources) {
      if (NOT_A_HOST.test(source)) continue
      // `*.example.com` → a concrete host the wildcard covers; `host` without scheme → https.
      const host = source.replace(/^[a-z]+:\/\//i, '').replace(/^\*\./, 'www.')
      const written = source.replace(/^[a-z]+:\/\//i, '').replace(/[/:].*$/, '')
      const c = classifyUrl(`https://${host.includes('/') ? host : `${host}/`}`, allow)
      if (c?.kind !== 'tracker' || seen.has(`${name}:${c.tracker.id}`)) continue
      seen.add(`${name}:${c.tracker.id}`)
      findings.push({
        severity: 'warning',
        rule: 'tracker-csp',
        subject: subjectOf(c.tracker),
        page,
        evidence: { source: `${where} ${name ?? ''}`, match: source, ...at },
        message: `your CSP allows ${written.replace(/^(\*|www)\./, '')} (${c.tracker.name}) in ${name ?? 'the policy'}`,
      })
    }
  }
  return findings
}
