import { describe, expect, it } from 'vitest'
import { UTM_PARAMS, REF_PARAMS } from '../../src/attribution/params.js'
import { FirstpartyError } from '../../src/errors.js'
import { buildLinks, linkUtms, tagLink, type Registry } from '../../src/links/index.js'

const creator = { id: 'Theo', platform: 'YouTube', code: 'THEO' }
const campaign = { id: 'Launch Week', medium: 'Affiliate' }

describe('tagLink', () => {
  it('writes normalized UTMs in the shared order, then the code', () => {
    const url = new URL(tagLink({ base: 'https://acme.dev/signup', creator, campaign, term: 'Live Demo' }))
    expect([...url.searchParams]).toEqual([
      ['utm_source', 'youtube'],
      ['utm_medium', 'affiliate'],
      ['utm_campaign', 'launch-week'],
      ['utm_term', 'live-demo'],
      ['utm_content', 'theo'],
      [REF_PARAMS[0], 'theo'],
    ])
    const names = [...url.searchParams.keys()].filter((k) => k.startsWith('utm_'))
    expect(names).toEqual(UTM_PARAMS.filter((p) => names.includes(p)))
  })

  it('content: option, then campaign default, then creator id', () => {
    const content = (o: object): string | undefined => linkUtms({ creator, campaign: { ...campaign, ...o } }).utm_content
    expect(content({})).toBe('theo')
    expect(content({ content: 'Issue 212' })).toBe('issue-212')
    expect(linkUtms({ creator, campaign: { ...campaign, content: 'x' }, content: 'Slide 3' }).utm_content).toBe('slide-3')
    expect(linkUtms({ creator, campaign }).utm_term).toBeUndefined()
  })

  it('keeps the landing page, its own parameters and hash; replaces attribution parameters in any case', () => {
    const url = tagLink({ base: 'https://acme.dev/p?plan=pro&UTM_SOURCE=old&Ref=someone&via=x&gclid=abc#pricing', creator, campaign })
    expect(url).toBe('https://acme.dev/p?plan=pro&utm_source=youtube&utm_medium=affiliate&utm_campaign=launch-week&utm_content=theo&ref=theo#pricing')
  })

  it('writes the code under a configured parameter', () => {
    const url = new URL(tagLink({ base: 'https://acme.dev/?code=stale', creator, campaign, refParam: 'code' }))
    expect(url.searchParams.getAll('code')).toEqual(['theo'])
    expect(url.searchParams.has('ref')).toBe(false)
  })

  it('throws a FirstpartyError naming the bad base', () => {
    expect(() => tagLink({ base: '/signup', creator, campaign })).toThrow(FirstpartyError)
    expect(() => tagLink({ base: 'not a url', creator, campaign })).toThrow(/not a url/)
  })
})

describe('buildLinks', () => {
  const registry: Registry = {
    campaigns: [
      { id: 'launch', name: 'Launch', medium: 'affiliate', landing: 'https://acme.dev/signup' },
      { id: 'talk', name: 'Talk', medium: 'event', landing: 'https://acme.dev/talk' },
    ],
    creators: [
      { id: 'theo', name: 'Theo', platform: 'youtube', channel: 'influencer', code: 'theo' },
      { id: 'ana', name: 'Ana', platform: 'x', channel: 'influencer', code: 'Ana', campaigns: ['TALK'], landing: 'https://acme.dev/ana' },
    ],
  }

  it('one link per creator and campaign they take part in, in registry order', () => {
    const links = buildLinks(registry)
    expect(links.map((l) => `${l.creator}/${l.campaign}`)).toEqual(['theo/launch', 'theo/talk', 'ana/talk'])
    expect(links[2]).toMatchObject({ code: 'ana', platform: 'x', url: expect.stringMatching(/^https:\/\/acme\.dev\/ana\?.*&ref=ana$/) })
  })

  it('landing precedence: creator, then --base, then campaign', () => {
    const links = buildLinks(registry, { base: 'https://acme.dev/base' })
    expect(links.map((l) => new URL(l.url).pathname)).toEqual(['/base', '/base', '/ana'])
  })

  it('uses the registry refParam and reports progress per creator', () => {
    const seen: string[] = []
    const links = buildLinks({ ...registry, refParam: 'code' }, { onProgress: (d, t) => seen.push(`${d}/${t}`) })
    expect(links.every((l) => new URL(l.url).searchParams.get('code') === l.code)).toBe(true)
    expect(seen).toEqual(['1/2', '2/2'])
  })
})
