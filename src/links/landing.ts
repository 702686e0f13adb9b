/** Landing URL rules: https only, and on an allowed domain when the registry lists some. */
import { cleanDomain, cleanHost, hostIn } from '../hosts/index.js'
import { quote } from './fields.js'

/** A landing problem: the rule broken and a message naming the URL. */
export interface LandingProblem {
  rule: 'invalid-url' | 'insecure-landing' | 'landing-domain'
  message: string
}

/**
 * Check one landing URL. `allowed` hosts match themselves and their subdomains (`example.dev` allows
 * `www.example.dev`), compared without case or a trailing dot.
 * @example
 * ```ts
 * checkLanding('http://example.dev/', ['example.dev'])?.rule // 'insecure-landing'
 * checkLanding('https://evil.dev/', ['example.dev'])?.rule // 'landing-domain'
 * ```
 */
export function checkLanding(value: string, allowed?: readonly string[]): LandingProblem | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { rule: 'invalid-url', message: `${quote(value)} is not an absolute URL` }
  }
  if (url.protocol !== 'https:')
    return { rule: 'insecure-landing', message: `${quote(value)} must use https (links are shared publicly; http drops the referrer and can be rewritten)` }
  if (url.username || url.password) return { rule: 'invalid-url', message: `${quote(value)} must not contain credentials` }
  if (!allowed || allowed.length === 0) return undefined
  const host = cleanHost(url.hostname)
  const ok = allowed.some((domain) => hostIn(host, cleanDomain(domain)))
  return ok ? undefined : { rule: 'landing-domain', message: `${quote(value)} is not on an allowed domain (${allowed.join(', ')})` }
}
