import { hostMatches } from '../hosts/index.js'
import type { Channel, ChannelRule, Touch } from './types.js'

export type { Channel, ChannelRule, ClickNetwork } from './types.js'

/** Every channel, in the order the docs list them. */
export const CHANNELS: readonly Channel[] = [
  'direct',
  'organic_search',
  'ai_assistant',
  'paid_search',
  'paid_social',
  'organic_social',
  'email',
  'influencer',
  'community',
  'content',
  'event',
  'referral',
  'unknown',
]

// Shared vocabularies: exported so sites can build their own rules from them.
/** `utm_medium` values that mean paid traffic. */
export const PAID_MEDIUMS = [
  'cpc',
  'ppc',
  'paid',
  'paidsearch',
  'paid_search',
  'paid-search',
  'cpm',
  'cpv',
  'display',
  'paid_social',
  'paidsocial',
  'paid-social',
  'ads',
  'ad',
] as const
/** Search engines (hosts and source names). */
export const SEARCH = [
  'google.*',
  'bing.com',
  'duckduckgo.com',
  'duckduckgo',
  'search.yahoo.com',
  'yahoo',
  'ecosia.org',
  'search.brave.com',
  'kagi.com',
  'yandex.*',
  'baidu.com',
  'startpage.com',
  'qwant.com',
  'google',
  'bing',
] as const
/**
 * AI assistants (hosts and source names): ChatGPT adds `utm_source=chatgpt.com` to the links it cites,
 * the others send their host as referrer. PostHog's "AI Assistant" channel hosts plus other assistants.
 */
export const AI_ASSISTANTS = [
  'chatgpt.com',
  'chat.openai.com',
  'chatgpt',
  'openai',
  'perplexity.ai',
  'ai.perplexity.app',
  'perplexity',
  'claude.ai',
  'claude',
  'gemini.google.com',
  'bard.google.com',
  'gemini',
  'copilot.microsoft.com',
  'copilot.cloud.microsoft',
  'copilot',
  'meta.ai',
  'pi.ai',
  'poe.com',
  'you.com',
  'chat.deepseek.com',
  'deepseek',
  'chat.mistral.ai',
  'mistral',
  'grok.com',
  'grok',
  'character.ai',
  'duck.ai',
  'kimi.com',
  'chat.qwen.ai',
  'phind.com',
] as const
/** Social networks (hosts and source names). YouTube counts as social. */
export const SOCIAL = [
  'x.com',
  'twitter.com',
  't.co',
  'x',
  'twitter',
  'linkedin.com',
  'lnkd.in',
  'linkedin',
  'bsky.app',
  'bluesky',
  'mastodon.social',
  'fosstodon.org',
  'hachyderm.io',
  'mastodon',
  'youtube.com',
  'youtu.be',
  'youtube',
  'facebook.com',
  'fb.com',
  'l.facebook.com',
  'facebook',
  'instagram.com',
  'instagram',
  'threads.net',
  'threads',
  'tiktok.com',
  'tiktok',
  'twitch.tv',
  'twitch',
] as const
/** Developer communities and forums. */
export const COMMUNITY = [
  'news.ycombinator.com',
  'hackernews',
  'hn',
  'reddit.com',
  'old.reddit.com',
  'reddit',
  'stackoverflow.com',
  'stackexchange.com',
  'stackoverflow',
  'discord.com',
  'discord.gg',
  'discord',
  'slack.com',
  'slack',
  'github.com',
  'github',
  'dev.to',
  'devto',
  'lobste.rs',
  'lobsters',
  'hashnode.com',
  'producthunt.com',
  'producthunt',
  'indiehackers.com',
  'community',
] as const
/** Webmail, newsletter platforms and mail apps. */
export const EMAIL = [
  'newsletter',
  'email',
  'substack.com',
  'substack',
  'buttondown.email',
  'buttondown',
  'mailchimp',
  'convertkit',
  'beehiiv.com',
  'beehiiv',
  'mail.google.com',
  'com.google.android.gm',
  'outlook.live.com',
  'outlook.office.com',
  'mail.yahoo.com',
  'mail.proton.me',
] as const
/** Conferences, meetups and event platforms. */
export const EVENTS = ['lu.ma', 'luma', 'meetup.com', 'meetup', 'eventbrite.*', 'sessionize.com', 'conference', 'qr'] as const
/** Docs, blogs and article platforms. */
export const CONTENT = ['docs.*', 'blog.*', 'medium.com', 'medium', 'blog', 'docs', 'developer.mozilla.org', 'css-tricks.com'] as const

/**
 * The default rules, first match wins: creator codes beat everything (a creator's link tagged
 * `utm_source=newsletter` is still that creator's), then paid clicks, then explicit mediums, then
 * where the visitor came from. Override with `attribution.rules` or the `rules` argument of {@link classifyChannel}.
 */
export const DEFAULT_CHANNEL_RULES: readonly ChannelRule[] = [
  { channel: 'influencer', ref: true },
  { channel: 'influencer', medium: ['influencer', 'creator', 'affiliate', 'sponsor', 'sponsored', 'sponsorship', 'partner'] },
  // OpenAI ads appear in ChatGPT answers to a question: closer to search ads than to social ones.
  { channel: 'paid_search', click: ['google', 'microsoft', 'openai'] },
  { channel: 'paid_social', click: true },
  { channel: 'paid_social', medium: ['paid_social', 'paidsocial', 'paid-social'] },
  // Two rules rather than one spread list: literal data keeps this module free of side effects.
  { channel: 'paid_social', medium: PAID_MEDIUMS, from: SOCIAL },
  { channel: 'paid_social', medium: PAID_MEDIUMS, from: COMMUNITY },
  { channel: 'paid_search', medium: PAID_MEDIUMS },
  { channel: 'email', medium: ['email', 'e-mail', 'e_mail', 'mail', 'newsletter'] },
  { channel: 'event', medium: ['event', 'events', 'talk', 'conference', 'meetup', 'webinar', 'workshop', 'qr', 'print', 'offline'] },
  { channel: 'community', medium: ['community', 'forum'] },
  { channel: 'organic_social', medium: ['social', 'social_media', 'social-media', 'social-network', 'sm', 'organic_social', 'video'] },
  { channel: 'organic_search', medium: ['organic', 'seo', 'search'] },
  { channel: 'content', medium: ['content', 'blog', 'docs', 'article', 'guide'] },
  { channel: 'referral', medium: ['referral', 'link', 'app'] },
  { channel: 'ai_assistant', medium: ['ai', 'llm', 'ai_assistant', 'ai-assistant', 'chatbot'] },
  // Before search: gemini.google.com would otherwise match google.*.
  { channel: 'ai_assistant', from: AI_ASSISTANTS },
  { channel: 'email', from: EMAIL },
  { channel: 'event', from: EVENTS },
  { channel: 'community', from: COMMUNITY },
  { channel: 'organic_social', from: SOCIAL },
  { channel: 'organic_search', from: SEARCH },
  { channel: 'content', from: CONTENT },
  { channel: 'unknown', campaign: true },
  { channel: 'referral', referrer: true },
  { channel: 'direct' },
]

const lower = (v: string | undefined): string | undefined => v?.toLowerCase()
const has = (list: readonly string[], v: string | undefined): boolean => v !== undefined && list.some((x) => x.toLowerCase() === v)

function matches(rule: ChannelRule, touch: Omit<Touch, 'channel'>): boolean {
  const medium = lower(touch.utm.utm_medium)
  const source = lower(touch.utm.utm_source)
  if (rule.ref !== undefined && rule.ref !== (touch.ref !== undefined)) return false
  if (rule.referrer !== undefined && rule.referrer !== (touch.referrerHost !== undefined)) return false
  if (rule.campaign !== undefined && rule.campaign !== Object.keys(touch.utm).length > 0) return false
  if (rule.click !== undefined) {
    const wanted = rule.click
    if (!touch.clickIds.some((n) => wanted === true || wanted.includes(n))) return false
  }
  if (rule.medium && !has(rule.medium, medium)) return false
  if (rule.content && !has(rule.content, lower(touch.utm.utm_content)) && !has(rule.content, lower(touch.ref))) return false
  if (rule.from) {
    const host = touch.referrerHost
    const bySource = has(rule.from, source) || (source?.includes('.') && rule.from.some((p) => hostMatches(source, p)))
    if (!bySource && !(host !== undefined && rule.from.some((p) => p.includes('.') && hostMatches(host, p)))) return false
  }
  return true
}

/**
 * The channel of a touch: the first rule that matches, `'unknown'` if none does. Never throws.
 * @param touch - a parsed touch (its own `channel` is ignored)
 * @param rules - classification rules @default DEFAULT_CHANNEL_RULES
 * @example
 * ```ts
 * classifyChannel(parseTouch('https://acme.dev/?utm_source=newsletter&ref=theo')) // 'influencer'
 * classifyChannel(parseTouch('https://acme.dev/', 'https://chatgpt.com/')) // 'ai_assistant'
 * ```
 */
export function classifyChannel(touch: Omit<Touch, 'channel'> & { channel?: Channel }, rules: readonly ChannelRule[] = DEFAULT_CHANNEL_RULES): Channel {
  try {
    for (const rule of rules) if (matches(rule, touch)) return rule.channel
  } catch {
    // A malformed custom rule must not break the page.
  }
  return 'unknown'
}
