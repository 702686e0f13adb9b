import { describe, expect, it } from 'vitest'
import { classifyChannel, parseTouch, type Channel, type Touch } from '../../src/attribution/index.js'

const SITE = 'https://acme.dev'

type Case = [name: string, url: string, referrer: string | undefined, channel: Channel, check?: (t: Touch) => void]

// Real-looking landings first, then adversarial input. Each row asserts the channel, some also fields.
const CASES: Case[] = [
  // Creator / referral codes
  [
    'creator code beats newsletter utm',
    `${SITE}/?utm_source=newsletter&utm_campaign=launch&ref=theo`,
    undefined,
    'influencer',
    (t) => {
      expect(t.ref).toBe('theo')
      expect(t.utm).toEqual({ utm_source: 'newsletter', utm_campaign: 'launch' })
    },
  ],
  ['via= is a creator code', `${SITE}/pricing?via=fireship`, undefined, 'influencer', (t) => expect(t.ref).toBe('fireship')],
  ['ref wins over via', `${SITE}/?via=b&ref=a`, undefined, 'influencer', (t) => expect(t.ref).toBe('a')],
  ['REF upper-case name', `${SITE}/?REF=Theo`, undefined, 'influencer', (t) => expect(t.ref).toBe('Theo')],
  ['creator code from a YouTube description', `${SITE}/?ref=primeagen`, 'https://www.youtube.com/', 'influencer'],
  ['medium=influencer', `${SITE}/?utm_source=youtube&utm_medium=influencer&utm_content=theo`, undefined, 'influencer'],
  ['medium=affiliate', `${SITE}/?utm_source=partnerstack&utm_medium=affiliate`, undefined, 'influencer'],
  ['medium=sponsor on a podcast', `${SITE}/?utm_source=syntax&utm_medium=sponsor&utm_campaign=q3`, undefined, 'influencer'],
  ['empty ref is ignored', `${SITE}/?ref=&utm_source=twitter`, undefined, 'organic_social', (t) => expect(t.ref).toBeUndefined()],
  // Paid
  [
    'google ads gclid',
    `${SITE}/?gclid=Cj0KCQiA-abc123&utm_source=google&utm_medium=cpc`,
    'https://www.google.com/',
    'paid_search',
    (t) => {
      expect(t.clickIds).toEqual(['google'])
      expect(t.paid).toBe(true)
    },
  ],
  ['gbraid alone', `${SITE}/?gbraid=0AAAAA`, undefined, 'paid_search', (t) => expect(t.clickIds).toEqual(['google'])],
  ['wbraid alone', `${SITE}/?wbraid=CkQKCQ`, undefined, 'paid_search'],
  ['microsoft msclkid', `${SITE}/?msclkid=7f1c`, 'https://www.bing.com/', 'paid_search', (t) => expect(t.clickIds).toEqual(['microsoft'])],
  ['meta fbclid', `${SITE}/?fbclid=IwAR2xyz`, 'https://l.facebook.com/', 'paid_social', (t) => expect(t.clickIds).toEqual(['meta'])],
  ['tiktok ttclid', `${SITE}/?ttclid=E.C.P.abc`, undefined, 'paid_social', (t) => expect(t.clickIds).toEqual(['tiktok'])],
  ['linkedin li_fat_id', `${SITE}/?li_fat_id=5f0c-11`, undefined, 'paid_social', (t) => expect(t.clickIds).toEqual(['linkedin'])],
  ['x twclid', `${SITE}/?twclid=2-abc`, undefined, 'paid_social', (t) => expect(t.clickIds).toEqual(['x'])],
  ['reddit rdt_cid', `${SITE}/?rdt_cid=123`, undefined, 'paid_social', (t) => expect(t.clickIds).toEqual(['reddit'])],
  ['two networks, one each', `${SITE}/?gclid=a&fbclid=b&gclid=c`, undefined, 'paid_search', (t) => expect(t.clickIds).toEqual(['google', 'meta'])],
  ['cpc on reddit is paid social', `${SITE}/?utm_source=reddit&utm_medium=cpc`, undefined, 'paid_social', (t) => expect(t.paid).toBe(true)],
  ['cpc without a source is paid search', `${SITE}/?utm_medium=cpc&utm_campaign=brand`, undefined, 'paid_search'],
  ['paid_social medium', `${SITE}/?utm_source=linkedin&utm_medium=paid_social`, undefined, 'paid_social'],
  ['creator code beats click id', `${SITE}/?ref=theo&gclid=x`, undefined, 'influencer', (t) => expect(t.paid).toBe(true)],
  // Email / newsletter
  ['newsletter source', `${SITE}/?utm_source=newsletter&utm_campaign=issue-42`, undefined, 'email'],
  ['email medium', `${SITE}/?utm_source=buttondown&utm_medium=email`, undefined, 'email'],
  ['Email medium, mixed case', `${SITE}/?utm_source=Weekly&utm_medium=Email`, undefined, 'email', (t) => expect(t.utm.utm_medium).toBe('Email')],
  ['substack referrer', `${SITE}/`, 'https://bytes.substack.com/p/issue-300', 'email', (t) => expect(t.referrerHost).toBe('bytes.substack.com')],
  ['gmail web referrer', `${SITE}/`, 'https://mail.google.com/', 'email'],
  ['gmail android app referrer', `${SITE}/`, 'android-app://com.google.android.gm/', 'email'],
  // Events / talks
  ['talk QR code', `${SITE}/?utm_source=jsconf-eu&utm_medium=qr&utm_campaign=talk-2026`, undefined, 'event'],
  ['conference medium', `${SITE}/?utm_source=reactconf&utm_medium=conference`, undefined, 'event'],
  ['lu.ma referrer', `${SITE}/`, 'https://lu.ma/acme-meetup', 'event'],
  ['meetup.com referrer', `${SITE}/`, 'https://www.meetup.com/berlin-js/events/1/', 'event'],
  // Community
  ['hacker news referrer', `${SITE}/`, 'https://news.ycombinator.com/', 'community', (t) => expect(t.referrerHost).toBe('news.ycombinator.com')],
  ['hacker news item', `${SITE}/blog/launch`, 'https://news.ycombinator.com/item?id=4242', 'community', (t) => expect(t.landingPath).toBe('/blog/launch')],
  ['reddit referrer', `${SITE}/`, 'https://www.reddit.com/r/webdev/comments/x', 'community', (t) => expect(t.referrerHost).toBe('reddit.com')],
  ['old reddit', `${SITE}/`, 'https://old.reddit.com/', 'community'],
  ['stack overflow answer', `${SITE}/docs`, 'https://stackoverflow.com/questions/1/how', 'community'],
  ['stackexchange subsite', `${SITE}/`, 'https://unix.stackexchange.com/q/1', 'community'],
  ['github readme link', `${SITE}/`, 'https://github.com/acme/cli', 'community'],
  ['dev.to article', `${SITE}/`, 'https://dev.to/someone/post', 'community'],
  ['lobsters', `${SITE}/`, 'https://lobste.rs/s/abc', 'community'],
  ['discord utm source', `${SITE}/?utm_source=discord`, undefined, 'community'],
  ['hn source with social medium stays social', `${SITE}/?utm_source=hn&utm_medium=social`, undefined, 'organic_social'],
  // Organic social
  ['x.com', `${SITE}/`, 'https://x.com/', 'organic_social'],
  ['t.co shortener', `${SITE}/`, 'https://t.co/AbC123', 'organic_social'],
  ['linkedin', `${SITE}/`, 'https://www.linkedin.com/feed/', 'organic_social'],
  ['bluesky', `${SITE}/`, 'https://bsky.app/profile/acme.dev', 'organic_social'],
  ['mastodon instance', `${SITE}/`, 'https://fosstodon.org/@acme', 'organic_social'],
  ['youtube', `${SITE}/`, 'https://www.youtube.com/', 'organic_social'],
  ['youtube mobile subdomain', `${SITE}/`, 'https://m.youtube.com/watch?v=x', 'organic_social'],
  ['utm_source=twitter, no medium', `${SITE}/?utm_source=twitter&utm_campaign=launch`, undefined, 'organic_social'],
  ['social medium', `${SITE}/?utm_source=mastodon&utm_medium=social`, undefined, 'organic_social'],
  // Organic search
  ['google.com', `${SITE}/`, 'https://www.google.com/', 'organic_search', (t) => expect(t.paid).toBe(false)],
  ['google.co.uk', `${SITE}/`, 'https://www.google.co.uk/', 'organic_search'],
  ['bing', `${SITE}/`, 'https://www.bing.com/search?q=acme', 'organic_search'],
  ['duckduckgo', `${SITE}/`, 'https://duckduckgo.com/', 'organic_search'],
  ['brave search', `${SITE}/`, 'https://search.brave.com/', 'organic_search'],
  ['kagi', `${SITE}/`, 'https://kagi.com/search?q=x', 'organic_search'],
  ['google-like lookalike is not search', `${SITE}/`, 'https://notgoogle.com/', 'referral'],
  // Content
  ['docs subdomain of another site', `${SITE}/`, 'https://docs.astro.build/en/guides/', 'content'],
  ['medium.com article', `${SITE}/`, 'https://medium.com/@x/post', 'content'],
  ['content medium', `${SITE}/?utm_source=blog&utm_medium=content`, undefined, 'content'],
  // Referral, direct, unknown
  ['plain referral', `${SITE}/`, 'https://someblog.example/post', 'referral', (t) => expect(t.referrerHost).toBe('someblog.example')],
  ['referral medium', `${SITE}/?utm_source=partner-site&utm_medium=referral`, undefined, 'referral'],
  [
    'direct',
    `${SITE}/`,
    undefined,
    'direct',
    (t) => {
      expect(t.referrerHost).toBeUndefined()
      expect(t.utm).toEqual({})
      expect(t.clickIds).toEqual([])
    },
  ],
  ['empty referrer is direct', `${SITE}/`, '', 'direct'],
  ['internal navigation is direct', `${SITE}/pricing`, `${SITE}/`, 'direct', (t) => expect(t.referrerHost).toBeUndefined()],
  ['www and apex are the same site', `${SITE}/`, 'https://www.acme.dev/blog', 'direct'],
  ['unknown campaign', `${SITE}/?utm_source=zork&utm_medium=carrier-pigeon`, undefined, 'unknown'],
  ['utm_id only', `${SITE}/?utm_id=cmp_123`, undefined, 'unknown', (t) => expect(t.utm).toEqual({ utm_id: 'cmp_123' })],
  [
    'all nine GA4 utm params',
    `${SITE}/?utm_source=a&utm_medium=email&utm_campaign=c&utm_term=t&utm_content=x&utm_id=i&utm_source_platform=p&utm_creative_format=f&utm_marketing_tactic=m`,
    undefined,
    'email',
    (t) => expect(Object.keys(t.utm)).toHaveLength(9),
  ],
  // Adversarial
  ['invalid landing URL', 'http://[::1', undefined, 'direct', (t) => expect(t.landingPath).toBe('/')],
  ['empty landing URL', '', undefined, 'direct'],
  ['relative landing URL', '/pricing?ref=theo', undefined, 'influencer', (t) => expect(t.landingPath).toBe('/pricing')],
  ['javascript: referrer', `${SITE}/`, 'javascript:alert(document.cookie)', 'direct', (t) => expect(t.referrerHost).toBeUndefined()],
  ['data: referrer', `${SITE}/`, 'data:text/html,<script>1</script>', 'direct'],
  ['file: referrer', `${SITE}/`, 'file:///etc/passwd', 'direct'],
  ['garbage referrer', `${SITE}/`, 'not a url at all', 'direct'],
  [
    'repeated params: first non-empty wins',
    `${SITE}/?utm_source=&utm_source=reddit&utm_source=x`,
    undefined,
    'community',
    (t) => expect(t.utm.utm_source).toBe('reddit'),
  ],
  [
    '10 KB query string',
    `${SITE}/?utm_source=newsletter&junk=${'a'.repeat(10_240)}&utm_campaign=${'b'.repeat(5000)}`,
    undefined,
    'email',
    (t) => expect(t.utm.utm_campaign).toHaveLength(100),
  ],
  ['10 KB referrer', `${SITE}/`, `https://news.ycombinator.com/?q=${'x'.repeat(10_240)}`, 'community'],
  [
    'unicode values kept',
    `${SITE}/?utm_source=newsletter&utm_campaign=%E6%98%A5%E3%81%AE%E3%82%BB%E3%83%BC%E3%83%AB`,
    undefined,
    'email',
    (t) => expect(t.utm.utm_campaign).toBe('春のセール'),
  ],
  [
    'emoji cut on a code point',
    `${SITE}/?utm_campaign=${encodeURIComponent('🚀'.repeat(150))}`,
    undefined,
    'unknown',
    (t) => expect(Array.from(t.utm.utm_campaign ?? '')).toHaveLength(100),
  ],
  ['malformed percent escapes', `${SITE}/?utm_source=%E0%A4%A&ref=%ZZtheo`, undefined, 'influencer'],
  ['plus means space', `${SITE}/?utm_campaign=spring+launch&utm_medium=email`, undefined, 'email', (t) => expect(t.utm.utm_campaign).toBe('spring launch')],
  ['email in ref is dropped', `${SITE}/?ref=jane.doe%40example.com`, undefined, 'direct', (t) => expect(t.ref).toBeUndefined()],
  [
    'email in utm_content is dropped',
    `${SITE}/?utm_source=newsletter&utm_content=jane@example.com`,
    undefined,
    'email',
    (t) => expect(t.utm.utm_content).toBeUndefined(),
  ],
  [
    'token in utm_term is dropped',
    `${SITE}/?utm_medium=email&utm_term=a8f3kq93jd83kd93kd03kd93kd83kd93kd83`,
    undefined,
    'email',
    (t) => expect(t.utm.utm_term).toBeUndefined(),
  ],
  ['JWT in ref is dropped', `${SITE}/?ref=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc`, undefined, 'direct'],
  [
    'phone number dropped',
    `${SITE}/?utm_content=%2B49%20170%201234567&utm_medium=social`,
    undefined,
    'organic_social',
    (t) => expect(t.utm.utm_content).toBeUndefined(),
  ],
  [
    'campaign slug with a date is kept',
    `${SITE}/?utm_medium=email&utm_campaign=launch-2026-11-25-2`,
    undefined,
    'email',
    (t) => expect(t.utm.utm_campaign).toBe('launch-2026-11-25-2'),
  ],
  ['card-number-like ref dropped', `${SITE}/?ref=4111%201111%201111%201111`, undefined, 'direct', (t) => expect(t.ref).toBeUndefined()],
  ['control chars and bidi overrides stripped', `${SITE}/?ref=%E2%80%AEtheo%00`, undefined, 'influencer', (t) => expect(t.ref).toBe('theo')],
  ['whitespace-only value ignored', `${SITE}/?utm_source=%20%20`, undefined, 'direct'],
  [
    'proto keys are plain names',
    `${SITE}/?__proto__=x&constructor=y&utm_source=reddit`,
    undefined,
    'community',
    (t) => expect(Object.keys(t.utm)).toEqual(['utm_source']),
  ],
  ['params in the hash are not read', `${SITE}/#utm_source=newsletter`, undefined, 'direct'],
  ['referrer with credentials', `${SITE}/`, 'https://user:pass@news.ycombinator.com/', 'community', (t) => expect(t.referrerHost).toBe('news.ycombinator.com')],
  ['upper-case referrer host', `${SITE}/`, 'HTTPS://WWW.REDDIT.COM/r/x', 'community', (t) => expect(t.referrerHost).toBe('reddit.com')],
  ['IP referrer', `${SITE}/`, 'http://192.168.0.10:8080/', 'referral', (t) => expect(t.referrerHost).toBe('192.168.0.10')],
]

describe('parseTouch + classifyChannel table', () => {
  it('has at least 60 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(60))
  it.each(CASES)('%s', (_name, url, referrer, channel, check) => {
    const touch = parseTouch(url, referrer)
    expect(touch.channel).toBe(channel)
    expect(classifyChannel(touch)).toBe(channel)
    check?.(touch)
  })
})

describe('parseTouch', () => {
  it('never keeps click id values, only the network', () => {
    const touch = parseTouch(`${SITE}/?gclid=SECRET123&fbclid=SECRET456`)
    expect(JSON.stringify(touch)).not.toContain('SECRET')
  })

  it('reads configured creator-code names', () => {
    expect(parseTouch(`${SITE}/?code=theo`, undefined, { refParams: ['code'] }).ref).toBe('theo')
    expect(parseTouch(`${SITE}/?code=theo`).ref).toBeUndefined()
  })

  it('classifies configured creator hosts and handles as influencer', () => {
    expect(parseTouch(`${SITE}/`, 'https://theo.gg/links', { creators: ['theo.gg'] }).channel).toBe('influencer')
    expect(parseTouch(`${SITE}/?utm_source=youtube&utm_content=t3dotgg`, undefined, { creators: ['t3dotgg'] }).channel).toBe('influencer')
    expect(parseTouch(`${SITE}/?utm_source=youtube&utm_content=t3dotgg`).channel).toBe('organic_social')
  })

  it('uses replacement rules', () => {
    const rules = [{ channel: 'event' as const, from: ['news.ycombinator.com'] }, { channel: 'direct' as const }]
    expect(parseTouch(`${SITE}/`, 'https://news.ycombinator.com/', { rules }).channel).toBe('event')
  })

  it('survives garbage options and non-string input', () => {
    const bad = { refParams: 'ref' as unknown as string[], creators: null as unknown as string[], rules: 42 as unknown as [] }
    expect(parseTouch(`${SITE}/?ref=theo`, undefined, bad).channel).toBe('influencer')
    expect(parseTouch(undefined as unknown as string, 42 as unknown as string).channel).toBe('direct')
  })

  it('stamps the time', () => {
    const before = Date.now()
    const t = parseTouch(SITE)
    expect(t.timestamp).toBeGreaterThanOrEqual(before)
  })
})
