import { readFileSync } from 'node:fs'
import type { NextConfig } from 'next'
import { buildCsp, type CspPolicy } from 'firstparty'

// One policy file for the guard (app/layout.tsx), this CSP and `firstparty audit`.
const policy = JSON.parse(readFileSync('firstparty.config.json', 'utf8')) as CspPolicy
// `next dev` evaluates its modules with eval(); production builds do not, so only development relaxes this.
const dev = process.env.NODE_ENV === 'development'
const csp = buildCsp(dev ? { ...policy, extra: { 'script-src': ["'unsafe-eval'"] } } : policy)

const nextConfig: NextConfig = {
  async headers() {
    return [
      {
        source: '/:path*',
        // Trackers the guard misses are still refused by the browser: they are not in the allow list.
        headers: [{ key: 'Content-Security-Policy', value: csp }],
      },
    ]
  },
  // posthog-js posts to /ingest/e/ with the trailing slash; keep it, or Next answers 308 first.
  skipTrailingSlashRedirect: true,
}

export default nextConfig
