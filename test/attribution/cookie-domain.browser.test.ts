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
    stdin: {
      contents: `import { registrableDomain, writeCookie } from './domain.ts'; window.__registrable = () => registrableDomain(document); window.__write = (value, maxAge) => writeCookie(document, 'fp_test', value, maxAge, true)`,
      resolveDir: fileURLToPath(new URL('../../src/attribution/', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
  })
  PROBE_SCRIPT = bundled.outputFiles[0]!.text
})
afterAll(async () => {
  await browser?.close()
})

interface Probed {
  domain: string | undefined
  cookies: string
  /** Where writeCookie put its cookie, as the browser stores it (a leading dot means Domain=). */
  written: string[]
  /** What is left after writeCookie deleted it. */
  afterDelete: string[]
}

async function probe(host: string): Promise<Probed> {
  const v = await visit(browser)
  try {
    await v.page.route(`http://${host}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>x</title>' }))
    await v.page.goto(`http://${host}/`)
    await v.page.addScriptTag({ content: PROBE_SCRIPT })
    const domain = await v.page.evaluate(() => (window as unknown as { __registrable(): string | undefined }).__registrable())
    const cookies = await v.page.evaluate(() => document.cookie)
    type Write = { __write(value: string, maxAge: number): boolean }
    expect(await v.page.evaluate(() => (window as unknown as Write).__write('a b;c', 60))).toBe(true)
    const written = (await v.context.cookies()).filter((c) => c.name === 'fp_test').map((c) => c.domain)
    await v.page.evaluate(() => (window as unknown as Write).__write('', 0))
    const afterDelete = (await v.context.cookies()).filter((c) => c.name === 'fp_test').map((c) => c.domain)
    expect(v.errors).toEqual([])
    expect(v.foreign).toEqual([])
    return { domain: domain ?? undefined, cookies, written, afterDelete }
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
    const { domain, cookies, written, afterDelete } = await probe(host)
    expect(domain).toBe(expected)
    expect(cookies).not.toContain('fp_probe') // the probe cleans up after itself
    // writeCookie (the landing's and the touch store's) picks the same domain, in one cookie, and deletes it everywhere.
    expect(written).toEqual([`.${expected}`])
    expect(afterDelete).toEqual([])
  })
})
