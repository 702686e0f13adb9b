// The cookie-domain heuristic against Chromium's real public-suffix list: pages on made-up hosts are
// served from memory by page.route (nothing leaves the machine), and the probe runs in the page.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, visit } from '../helpers/chromium.js'

let browser: Browser
// The module as the browser gets it: bundled with what it imports (src/hosts), exposed for the probe.
let PROBE_SCRIPT = ''
beforeAll(async () => {
  browser = await launchChromium()
  const bundled = await build({
    stdin: { contents: `import { registrableDomain } from './domain.ts'; window.__registrable = () => registrableDomain(document)`, resolveDir: fileURLToPath(new URL('../../src/attribution/', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
  })
  PROBE_SCRIPT = bundled.outputFiles[0]!.text
})
afterAll(async () => {
  await browser?.close()
})

async function probe(host: string): Promise<{ domain: string | undefined; cookies: string }> {
  const v = await visit(browser)
  try {
    await v.page.route(`http://${host}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>x</title>' }))
    await v.page.goto(`http://${host}/`)
    await v.page.addScriptTag({ content: PROBE_SCRIPT })
    const domain = await v.page.evaluate(() => (window as unknown as { __registrable(): string | undefined }).__registrable())
    const cookies = await v.page.evaluate(() => document.cookie)
    expect(v.errors).toEqual([])
    expect(v.foreign).toEqual([])
    return { domain: domain ?? undefined, cookies }
  } finally {
    await v.context.close()
  }
}

describe('registrableDomain in Chromium', () => {
  it.each([
    ['www.acme.dev', 'acme.dev'],
    ['www.shop.example.co.uk', 'example.co.uk'],
    ['docs.acme.com.au', 'acme.com.au'],
    // Hosting platforms are public suffixes: a preview deploy never shares cookies with its neighbours.
    ['my-site.github.io', 'my-site.github.io'],
    ['preview-123.vercel.app', 'preview-123.vercel.app'],
    ['feature.my-app.netlify.app', 'my-app.netlify.app'],
  ])('%s → %s', async (host, expected) => {
    const { domain, cookies } = await probe(host)
    expect(domain).toBe(expected)
    expect(cookies).not.toContain('fp_probe') // the probe cleans up after itself
  })
})
