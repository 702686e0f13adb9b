import { describe, expect, it } from 'vitest'
import { resolveOptions, validateOptions, type InitOptions } from '../../src/posthog/options.js'
import { toPostHogConfig } from '../../src/posthog/config.js'
import { pageMask } from '../../src/posthog/privacy.js'
import { FirstpartyError } from '../../src/errors.js'

describe('resolveOptions', () => {
  it('fills marketing-page defaults', () => {
    const o = resolveOptions({ token: 'phc_x' }, false)
    expect(o).toMatchObject({
      apiHost: '/ingest',
      respectPrivacySignals: true,
      capturePageview: 'history',
      autocapture: false,
      sessionRecording: false,
      surveys: false,
      load: 'idle',
      loadTimeout: 3000,
      debug: false,
    })
  })

  it('strips a trailing slash from apiHost', () => {
    expect(resolveOptions({ token: 't', apiHost: 'https://a.dev/ingest/' }, false).apiHost).toBe('https://a.dev/ingest')
  })

  it.each([
    [undefined, /options object/],
    [{}, /"token" must be your PostHog project API key/],
    [{ token: '' }, /"token" must be/],
    [{ token: 't', apihost: '/x' }, /unknown option "apihost"/],
    [{ token: 't', apiHost: 'ingest' }, /"apiHost" must be a path on your site/],
    [{ token: 't', autocapture: 'yes' }, /"autocapture" must be true or false, got "yes"/],
    [{ token: 't', persistence: 'indexeddb' }, /"persistence" must be localStorage\+cookie/],
    [{ token: 't', loadTimeout: -1 }, /"loadTimeout" must be a number/],
    [{ token: 't', maskParams: 'token' }, /"maskParams" must be an array/],
    [{ token: 't', load: 'lazy' }, /"load" must be "idle" or "eager"/],
  ])('rejects %j with a clear error', (input, message) => {
    expect(() => validateOptions(input)).toThrowError(FirstpartyError)
    expect(() => validateOptions(input)).toThrowError(message)
  })

  it('accepts every documented option', () => {
    expect(() =>
      validateOptions({
        token: 't',
        apiHost: 'https://a.dev/ingest',
        uiHost: 'https://eu.posthog.com',
        respectPrivacySignals: false,
        maskParams: ['invite'],
        capturePageview: false,
        autocapture: true,
        sessionRecording: true,
        surveys: true,
        persistence: 'memory',
        load: 'eager',
        loadTimeout: 0,
        debug: true,
        posthog: {},
      }),
    ).not.toThrow()
  })

  it('checks the token in every build', () => {
    expect(() => resolveOptions({}, false)).toThrowError(/"token" is required/)
  })
})

describe('toPostHogConfig', () => {
  const config = toPostHogConfig(resolveOptions({ token: 'phc_x' }, false), pageMask([]))

  it('keeps posthog-js on the first-party host and loads nothing external', () => {
    expect(config.api_host).toBe('/ingest')
    expect(config.disable_external_dependency_loading).toBe(true)
    expect(config.advanced_disable_flags).toBe(true)
  })

  it('turns off surveys, recording and autocapture unless asked', () => {
    expect(config).toMatchObject({ disable_surveys: true, disable_session_recording: true, autocapture: false, respect_dnt: true })
    const on = toPostHogConfig(resolveOptions({ token: 't', autocapture: true, sessionRecording: true, surveys: true }, false), pageMask([]))
    expect(on).toMatchObject({ disable_surveys: false, disable_session_recording: false, autocapture: true })
  })

  it('captures the pageview itself (queued) rather than letting posthog-js do it', () => {
    expect(config.capture_pageview).toBe(false)
  })

  it('masks URLs in before_send, then runs the site hook', () => {
    const seen: unknown[] = []
    const options: InitOptions = { token: 't', posthog: { before_send: (e) => (seen.push(e?.properties.$current_url), e) } }
    const c = toPostHogConfig(resolveOptions(options, false), pageMask([]))
    const steps = [c.before_send].flat()
    let event = { uuid: '1', event: 'x', properties: { $current_url: 'https://a.dev/?token=s', $referrer: 'https://b.dev/?email=a@b.co' } } as never
    for (const step of steps) event = step!(event) as never
    expect(seen).toEqual(['https://a.dev/?token=<masked>'])
    expect((event as { properties: Record<string, string> }).properties.$referrer).toBe('https://b.dev/?email=<masked>')
  })

  it('bootstraps the id used by events beaconed before load', () => {
    expect(toPostHogConfig(resolveOptions({ token: 't' }, false), pageMask([]), { distinctId: 'early-1' }).bootstrap).toEqual({
      distinctID: 'early-1',
      isIdentifiedID: false,
    })
  })
})

describe('pageMask (one mask for the critical path and the lazy part)', () => {
  it('masks secrets, emails, click id values and the site’s own parameters, and drops the cross-domain one', () => {
    const mask = pageMask(['Coupon'])
    expect(mask('https://acme.dev/p?gclid=abc&coupon=SAVE&ref=theo&_fpx=1~t5x1k0~id~&email=a@b.co#x')).toBe(
      'https://acme.dev/p?gclid=<masked>&coupon=<masked>&ref=theo&email=<masked>#x',
    )
  })

  it('is what before_send masks with', () => {
    const c = toPostHogConfig(resolveOptions({ token: 't' }, false), pageMask([]))
    let event = { uuid: '1', event: 'x', properties: { $current_url: 'https://a.dev/?fbclid=secret' } } as never
    for (const step of [c.before_send].flat()) event = step!(event) as never
    expect((event as { properties: Record<string, string> }).properties.$current_url).toBe('https://a.dev/?fbclid=<masked>')
  })
})
