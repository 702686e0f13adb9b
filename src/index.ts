export { init } from './posthog/init.js'
export { maskUrl, hasPrivacySignal } from './posthog/index.js'
export { FirstpartyError } from './errors.js'
export type { Client, InitOptions, Persistence, Properties } from './posthog/index.js'
// Typed events: augment `Events` with `declare module 'firstparty' { interface Events { … } }`.
export type { Events, EventName, EventArgs, LandedProperties, SignupMethod, SurveyChannel, EventShape, PropShape, PropType } from './events/index.js'
export { defineEvents, checkEvent, BUILTIN_EVENTS, SURVEY_CHANNELS } from './events/index.js'
export {
  parseTouch,
  classifyChannel,
  CHANNELS,
  DEFAULT_CHANNEL_RULES,
  UTM_PARAMS,
  REF_PARAMS,
  CLICK_ID_PARAMS,
  ATTRIBUTION_PARAMS,
  POSTHOG_CAMPAIGN_PARAMS,
} from './attribution/index.js'
export type { Touch, Channel, ChannelRule, ClickNetwork, AttributionOptions, CrossDomainOptions } from './attribution/index.js'
// Link tagging: registry → validated, normalized, tagged links (browser-safe; the CLI adds files and QR codes).
export { tagLink, buildLinks, validateRegistry } from './links/index.js'
export type { TagLinkOptions, BuildLinksOptions, ValidateOptions, Registry, Creator, Campaign, BuiltLink, LinkFinding } from './links/index.js'
// Script-guard and CSP: the tracker catalog, the inline guard snippet, and the CSP built from the same allow list.
// guardSnippet, buildCsp, cspMetaTag and allowedHosts are build-time helpers: they run in the site's build or
// server render and return HTML or a header, never running in the visitor's browser (tree-shaken from bundles).
export { TRACKERS, matchUrl, findSnippets, findTrackerIds, isAllowedHost } from './trackers/index.js'
export type { Tracker, TrackerCategory, SnippetMatch, TrackerIdMatch } from './trackers/index.js'
export { guardSnippet, type GuardSnippetOptions } from './guard/snippet.js'
export type { BlockedReport, GuardOptions } from './guard/core.js'
export { buildCsp, cspMetaTag, allowedHosts, type CspPolicy, type AllowPolicy } from './csp/index.js'
// The JSON shape of `firstparty report --format json` (docs/report.md).
export type { Report, ReportRow, ReportTotals, ReportBy, ReportModel, ReportRowKind } from './report/types.js'
