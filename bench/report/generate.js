// Synthetic event files for the report bench: visitors landing from creator links, campaigns, search and
// direct, browsing, some signing up and answering the survey. Events look like what posthog-js sends to the
// firstparty dev sink (context properties, first/last touch on every event), so lines are realistically long.
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { UTM_PARAMS } from '../../dist/index.js'

/** A small deterministic PRNG (mulberry32), so every run writes the same file. */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const CREATORS = Array.from({ length: 50 }, (_, i) => `creator${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`)
const CAMPAIGNS = ['launch-week', 'black-friday', 'conf-2026']
const ANSWERS = ['search', 'youtube', 'podcast', 'friend', 'newsletter', 'other']

function touch(prefix, t) {
  const out = {}
  // The UTM names from the one parameter module (the built package), so the bench writes what the report reads.
  for (const k of ['ref', 'referrer_host', 'click_networks', ...UTM_PARAMS]) out[prefix + k] = t[k] ?? null
  out[`${prefix}channel`] = t.channel
  out[`${prefix}landing_path`] = t.landing_path
  out[`${prefix}paid_click`] = false
  out[`${prefix}at`] = t.at
  return out
}

/**
 * Write `events` events to `file` (NDJSON, the dev store's format): about 10 events per visitor.
 * @returns the number of visitors and signups written
 */
export async function generate(file, { events = 1_000_000, perVisitor = 10, seed = 42 } = {}) {
  const rand = random(seed)
  const out = createWriteStream(file)
  let written = 0
  let visitors = 0
  let signups = 0
  let buffer = []
  const start = Date.UTC(2026, 10, 1)
  const push = async (line) => {
    buffer.push(line)
    written++
    if (buffer.length >= 2000) {
      if (!out.write(`${buffer.join('\n')}\n`)) await once(out, 'drain')
      buffer = []
    }
  }
  while (written < events) {
    const id = `0193${(visitors++).toString(16).padStart(8, '0')}-7c1e-7a4b-9f00-${Math.floor(rand() * 1e12)
      .toString(16)
      .padStart(12, '0')}`
    const at = new Date(start + Math.floor(rand() * 29 * 86_400_000)).toISOString()
    const r = rand()
    const t =
      r < 0.4
        ? {
            ref: CREATORS[Math.floor(rand() * rand() * CREATORS.length)],
            utm_source: 'youtube',
            utm_medium: 'affiliate',
            utm_campaign: CAMPAIGNS[0],
            channel: 'influencer',
            landing_path: '/',
            at,
          }
        : r < 0.55
          ? {
              utm_source: 'newsletter',
              utm_medium: 'email',
              utm_campaign: CAMPAIGNS[1 + Math.floor(rand() * 2)],
              channel: 'email',
              landing_path: '/pricing',
              at,
            }
          : r < 0.75
            ? { referrer_host: 'google.com', channel: 'organic_search', landing_path: '/docs', at }
            : { channel: 'direct', landing_path: '/', at }
    // A trimmed posthog-js context (the real one has some 40 more properties): about 1.3 KB per event.
    const context = (event, time) => ({
      $os: 'Mac OS X',
      $browser: 'Chrome',
      $device_type: 'Desktop',
      $current_url: `https://acme.dev${t.landing_path}`,
      $host: 'acme.dev',
      $pathname: t.landing_path,
      $lib: 'web',
      $lib_version: '1.449.2',
      $insert_id: Math.floor(rand() * 1e16).toString(36),
      $time: Date.parse(time) / 1000,
      distinct_id: id,
      $session_id: id,
      $referrer: t.referrer_host ? `https://${t.referrer_host}/` : '$direct',
      token: 'phc_bench',
      ...touch('first_touch_', t),
      ...touch('last_touch_', t),
      event,
    })
    let time = Date.parse(at)
    const line = (event, extra = {}) => {
      const iso = new Date((time += 20_000 + Math.floor(rand() * 60_000))).toISOString()
      const properties = { ...context(event, iso), ...extra }
      delete properties.event
      return JSON.stringify({ uuid: properties.$insert_id, event, properties, timestamp: iso, receivedAt: iso })
    }
    // A creator's link lands as referral_landed (with its code), a campaign link without one as campaign_landed.
    if (t.ref || t.utm_campaign)
      await push(
        line(t.ref ? 'referral_landed' : 'campaign_landed', {
          ...(t.ref ? { ref: t.ref } : {}),
          channel: t.channel,
          utm_source: t.utm_source,
          utm_medium: t.utm_medium,
          utm_campaign: t.utm_campaign,
          landing_path: t.landing_path,
          paid_click: false,
        }),
      )
    const views = Math.max(1, Math.round(perVisitor - 2 + (rand() - 0.5) * 4))
    for (let i = 0; i < views && written < events; i++) await push(line('$pageview', { title: 'Acme CLI' }))
    if (written < events && rand() < 0.06) {
      await push(line('signup_completed', { method: 'email' }))
      signups++
      if (written < events && rand() < 0.5)
        await push(
          line('attribution_survey_answered', {
            answer: ANSWERS[Math.floor(rand() * ANSWERS.length)],
            ...(rand() < 0.3 ? { detail: `saw ${t.ref ?? CREATORS[0]} on youtube` } : {}),
          }),
        )
    }
  }
  out.write(buffer.length ? `${buffer.join('\n')}\n` : '')
  out.end()
  await once(out, 'finish')
  return { events: written, visitors, signups }
}
