import type { PostHogConfig } from 'posthog-js'
import type { ResolvedOptions } from './options.js'
import { maskUrlProperties } from './privacy.js'

type BeforeSend = NonNullable<PostHogConfig['before_send']>
type CaptureResult = Parameters<Extract<BeforeSend, (...args: never[]) => unknown>>[0]

/** posthog-js `before_send` step that masks secrets, emails and click ids in every URL property. */
export function maskingStep(mask: (url: string) => string): (event: CaptureResult | null) => CaptureResult | null {
  return (event) => {
    if (!event) return event
    maskUrlProperties(event.properties, mask)
    maskUrlProperties(event.$set, mask)
    maskUrlProperties(event.$set_once, mask)
    return event
  }
}

/**
 * posthog-js `before_send` step for replayed pageviews: posthog-js sets `title` from the document at
 * send time, but a pageview queued before it loaded carries the title its page had (`$early_title`).
 */
export function earlyTitleStep(event: CaptureResult | null): CaptureResult | null {
  const properties = event?.properties
  if (properties && '$early_title' in properties) {
    if (typeof properties.$early_title === 'string') properties.title = properties.$early_title
    delete properties.$early_title
  }
  return event
}

/**
 * The posthog-js config firstparty runs with: first-party host, nothing loaded from elsewhere,
 * no remote config round trip, privacy signals honoured, URLs masked.
 * @param o - the resolved options
 * @param mask - the page's URL mask (`pageMask(o.maskParams)`), handed over by the critical path
 * @param ids - the early distinct id and session id to bootstrap (see early.ts `bootstrapIds`)
 * @example
 * ```ts
 * posthog.init(o.token, toPostHogConfig(o, pageMask(o.maskParams), { distinctId: 'early-1' }))
 * ```
 */
export function toPostHogConfig(
  o: ResolvedOptions,
  mask: (url: string) => string,
  ids: { distinctId?: string | undefined; sessionId?: string | undefined } = {},
): Partial<PostHogConfig> {
  const extra = o.posthog ?? {}
  const userBeforeSend = extra.before_send
  const { distinctId: bootstrapId, sessionId } = ids
  const steps = [earlyTitleStep, maskingStep(mask), ...(userBeforeSend ? [userBeforeSend].flat() : [])]
  return {
    api_host: o.apiHost,
    ...(o.uiHost ? { ui_host: o.uiHost } : {}),
    // The page's own copy of posthog-js does the work; never fetch scripts or remote config from PostHog.
    disable_external_dependency_loading: true,
    advanced_disable_flags: true,
    disable_surveys: !o.surveys,
    disable_session_recording: !o.sessionRecording,
    disable_web_experiments: true,
    disable_product_tours: true,
    autocapture: o.autocapture,
    capture_dead_clicks: false,
    capture_heatmaps: false,
    capture_exceptions: false,
    rageclick: o.autocapture,
    // firstparty captures the pageview itself so it can be queued and flushed like any other event.
    capture_pageview: false,
    capture_pageleave: o.capturePageview !== false,
    respect_dnt: o.respectPrivacySignals,
    persistence: o.persistence,
    mask_personal_data_properties: true,
    // The ids the events sent before posthog-js loaded used, so they join one person and one session.
    ...(bootstrapId || sessionId
      ? { bootstrap: { ...(bootstrapId ? { distinctID: bootstrapId, isIdentifiedID: false } : {}), ...(sessionId ? { sessionID: sessionId } : {}) } }
      : {}),
    ...extra,
    before_send: steps as BeforeSend,
  }
}
