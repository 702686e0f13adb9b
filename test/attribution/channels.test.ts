import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AI_ASSISTANTS, CHANNELS, classifyChannel, parseTouch } from '../../src/attribution/index.js'

const SITE = 'https://acme.dev/docs'

describe('ai_assistant channel', () => {
  // Forms seen in the wild: ChatGPT appends utm_source=chatgpt.com to cited links; the others send a referrer.
  it.each([
    ['ChatGPT citation', `${SITE}?utm_source=chatgpt.com`, undefined],
    ['ChatGPT referrer', SITE, 'https://chatgpt.com/'],
    ['old ChatGPT host', SITE, 'https://chat.openai.com/c/abc'],
    ['Perplexity', SITE, 'https://www.perplexity.ai/search/how-to-x'],
    ['Perplexity source name', `${SITE}?utm_source=perplexity`, undefined],
    ['Claude', SITE, 'https://claude.ai/chat/1'],
    ['Gemini (a google.* host)', SITE, 'https://gemini.google.com/app'],
    ['Copilot', SITE, 'https://copilot.microsoft.com/'],
    ['Microsoft 365 Copilot', SITE, 'https://copilot.cloud.microsoft/'],
    ['DeepSeek', SITE, 'https://chat.deepseek.com/'],
    ['Mistral Le Chat', SITE, 'https://chat.mistral.ai/chat'],
    ['Meta AI', SITE, 'https://www.meta.ai/'],
    ['you.com', SITE, 'https://you.com/search?q=x'],
    ['utm_medium=llm', `${SITE}?utm_source=somebot&utm_medium=llm`, undefined],
  ])('%s', (_name, url, referrer) => {
    expect(parseTouch(url, referrer).channel).toBe('ai_assistant')
  })

  it('search engines stay organic_search, Google included', () => {
    expect(parseTouch(SITE, 'https://www.google.com/').channel).toBe('organic_search')
    expect(parseTouch(SITE, 'https://www.bing.com/search?q=x').channel).toBe('organic_search')
    expect(parseTouch(SITE, 'https://kagi.com/search?q=x').channel).toBe('organic_search')
  })

  it('an explicit paid medium or creator code still wins', () => {
    expect(parseTouch(`${SITE}?utm_source=chatgpt.com&utm_medium=cpc`).channel).toBe('paid_search')
    expect(parseTouch(`${SITE}?ref=theo`, 'https://chatgpt.com/').channel).toBe('influencer')
  })

  it('a look-alike host is not an assistant', () => {
    expect(parseTouch(SITE, 'https://notchatgpt.com/').channel).toBe('referral')
    expect(parseTouch(SITE, 'https://claude.ai.evil.example/').channel).toBe('referral')
  })

  it('is a listed channel; the vocabulary is exported', () => {
    expect(CHANNELS).toContain('ai_assistant')
    expect(AI_ASSISTANTS).toContain('chatgpt.com')
  })
})

describe('classifyChannel', () => {
  it('property: any touch, any referrer gives one of CHANNELS and never throws', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), fc.option(fc.webUrl(), { nil: undefined }), (url, referrer) => {
        expect(CHANNELS).toContain(classifyChannel(parseTouch(url, referrer)))
      }),
      { numRuns: 60 },
    )
  })

  it('a malformed custom rule gives unknown, not an exception', () => {
    const touch = parseTouch(`${SITE}?utm_source=x`)
    expect(classifyChannel(touch, [{ channel: 'email', from: 42 as unknown as string[] }])).toBe('unknown')
  })
})
