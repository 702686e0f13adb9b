// The no-build demo: the guard loaded first from the site's own origin, a clean audit, blocks reported.
import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../src/server/dev.js'
import { launchChromium, visit } from '../helpers/chromium.js'
import { audit, exampleDir, headScripts, requireDist, waitForEvents } from './helpers.js'

const dir = exampleDir('plain-html')
let browser: Browser
let site: DevServer

beforeAll(async () => {
  requireDist()
  site = await startDevServer({ port: 0, store: false, print: false })
  browser = await launchChromium()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('examples/plain-html', () => {
  it.each(['index.html', 'pricing.html'])('%s loads the guard before any other script', (name) => {
    expect(headScripts(readFileSync(`${dir}${name}`, 'utf8'))[0]).toBe('<script src="/firstparty/guard.global.js">')
  })

  it('passes `firstparty audit`', async () => {
    const result = await audit(dir, ['.'])
    expect(result.stdout).toContain('0 tracker findings')
    expect(result.code).toBe(0)
  })

  it('refuses a pasted-in tracker and reports it through /ingest', async () => {
    const v = await visit(browser)
    await v.page.goto(`${site.url}/`)
    await v.page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="https://www.facebook.com/tr?id=123&ev=PageView" alt="">')
      const s = document.createElement('script')
      s.src = 'https://static.hotjar.com/c/hotjar-1.js?sv=6'
      document.head.append(s)
    })
    const blocked = await waitForEvents(site.events, (e) => e.event === 'tracker_blocked', 2)
    expect(blocked.map((e) => String(e.properties.url)).sort()).toEqual(['https://static.hotjar.com/c/hotjar-1.js', 'https://www.facebook.com/tr'])
    expect(v.foreign).toEqual([])
    expect(v.errors).toEqual([])
    await v.context.close()
  })
})
