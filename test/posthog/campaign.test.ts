// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { POSTHOG_CAMPAIGN_PARAMS, POSTHOG_CLICK_ID_PARAMS } from '../../src/attribution/params.js'
import { campaignOf, initialOf, referrerOf } from '../../src/posthog/campaign.js'

// The lists posthog-js itself uses, read from the installed package (the one the lazy part bundles).
const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/@posthog/browser-common/dist/utils/event-utils.js'), 'utf8')
const list = (name: string): string[] => {
  const body = new RegExp(`const ${name} = [^\\[]*\\[([^\\]]*)\\]`).exec(source)?.[1]
  if (!body) throw new Error(`${name} not found in posthog-js: its source moved, update src/posthog/campaign.ts`)
  return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1]!)
}

describe("posthog-js's campaign parameters", () => {
  it('are the lists in the installed posthog-js, in its order', () => {
    expect(POSTHOG_CLICK_ID_PARAMS).toEqual(list('PERSONAL_DATA_CAMPAIGN_PARAMS'))
    // CAMPAIGN_PARAMS spreads the personal-data list after its own literal part.
    expect(POSTHOG_CAMPAIGN_PARAMS).toEqual([...list('CAMPAIGN_PARAMS'), ...list('PERSONAL_DATA_CAMPAIGN_PARAMS')])
  })
})

describe('campaignOf', () => {
  it('gives every key, null when absent, click ids as they are in the masked URL', () => {
    const c = campaignOf('https://acme.dev/?utm_source=youtube&utm_source=other&gclid=<masked>&ref=theo')!
    expect(Object.keys(c)).toEqual(POSTHOG_CAMPAIGN_PARAMS)
    expect(c).toMatchObject({ utm_source: 'youtube', utm_medium: null, gclid: '<masked>', fbclid: null })
  })

  it('is undefined without campaign parameters (posthog-js keeps the session ones then)', () => {
    expect(campaignOf('https://acme.dev/pricing?ref=theo&utm_source=')).toBeUndefined()
    expect(campaignOf('http://[::1')).toBeUndefined()
  })

  it('never throws, whatever the URL', () => {
    fc.assert(
      fc.property(fc.string(), (url) => {
        const c = campaignOf(url)
        expect(c === undefined || Object.values(c).some((v) => v !== null)).toBe(true)
      }),
    )
  })
})

describe('referrerOf and initialOf', () => {
  it('say $direct without a referrer, the host otherwise', () => {
    expect(referrerOf('')).toEqual({ $referrer: '$direct', $referring_domain: '$direct' })
    expect(referrerOf('https://news.ycombinator.com/item?id=1')).toEqual({
      $referrer: 'https://news.ycombinator.com/item?id=1',
      $referring_domain: 'news.ycombinator.com',
    })
    expect(referrerOf('not a url')).toEqual({ $referrer: 'not a url', $referring_domain: '$direct' })
  })

  it('name the landing as posthog-js does ($initial_ + name without $)', () => {
    expect(initialOf('https://acme.dev/launch?utm_campaign=spring', 'https://t.co/x')).toEqual({
      $initial_current_url: 'https://acme.dev/launch?utm_campaign=spring',
      $initial_host: 'acme.dev',
      $initial_pathname: '/launch',
      $initial_referrer: 'https://t.co/x',
      $initial_referring_domain: 't.co',
      ...Object.fromEntries(POSTHOG_CAMPAIGN_PARAMS.map((n) => [`$initial_${n}`, n === 'utm_campaign' ? 'spring' : null])),
    })
  })
})
