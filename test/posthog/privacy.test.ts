import { describe, expect, it } from 'vitest'
import { hasPrivacySignal, maskUrl, MASK } from '../../src/posthog/privacy.js'

describe('maskUrl', () => {
  it.each([
    ['https://a.dev/reset?token=abc123&utm_source=x', `https://a.dev/reset?token=${MASK}&utm_source=x`],
    ['https://a.dev/?access_token=t&api_key=k&Password=p', `https://a.dev/?access_token=${MASK}&api_key=${MASK}&Password=${MASK}`],
    ['https://a.dev/?email=bob%40example.com', `https://a.dev/?email=${MASK}`],
    ['https://a.dev/?next=bob%40example.com', `https://a.dev/?next=${MASK}`],
    ['https://a.dev/?q=bob@example.com&page=2', `https://a.dev/?q=${MASK}&page=2`],
    ['https://a.dev/unsubscribe/bob@example.com', `https://a.dev/unsubscribe/${MASK}`],
    ['https://a.dev/cb#access_token=xyz&state=1', `https://a.dev/cb#access_token=${MASK}&state=1`],
    ['https://a.dev/docs#install', 'https://a.dev/docs#install'],
    ['https://a.dev/?ref=theo&utm_campaign=launch', 'https://a.dev/?ref=theo&utm_campaign=launch'],
    ['/pricing?session_id=s1', `/pricing?session_id=${MASK}`],
    ['https://a.dev/?keyboard=yes&monkey=1', 'https://a.dev/?keyboard=yes&monkey=1'],
  ])('%s', (input, expected) => {
    expect(maskUrl(input)).toBe(expected)
  })

  it('masks site-specific parameters case-insensitively', () => {
    expect(maskUrl('https://a.dev/?Invite=abc&x=1', ['invite'])).toBe(`https://a.dev/?Invite=${MASK}&x=1`)
  })

  it('never throws on malformed input', () => {
    for (const bad of ['', '%', '?%E0%A4%A=1', 'http://[::1', '?=&&==', '#', 'javascript:alert(1)', '?a'.repeat(5000)]) {
      expect(typeof maskUrl(bad)).toBe('string')
    }
  })
})

describe('hasPrivacySignal', () => {
  it('honours Global Privacy Control and Do Not Track', () => {
    expect(hasPrivacySignal({ globalPrivacyControl: true })).toBe(true)
    expect(hasPrivacySignal({ doNotTrack: '1' })).toBe(true)
    expect(hasPrivacySignal({ msDoNotTrack: '1' })).toBe(true)
    expect(hasPrivacySignal({ doNotTrack: '0' })).toBe(false)
    expect(hasPrivacySignal({ doNotTrack: null })).toBe(false)
    expect(hasPrivacySignal({})).toBe(false)
    expect(hasPrivacySignal(undefined)).toBe(false)
  })
})
