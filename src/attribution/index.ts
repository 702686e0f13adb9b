// Campaign and referral attribution: parse a landing URL + referrer into a touch, classify its channel.
export { parseTouch, rulesFor, type AttributionOptions } from './touch.js'
export type { Touch, Channel, ChannelRule, ClickNetwork } from './types.js'
export { hostMatches } from '../hosts/index.js'
export {
  classifyChannel,
  CHANNELS,
  DEFAULT_CHANNEL_RULES,
  PAID_MEDIUMS,
  SEARCH,
  SOCIAL,
  COMMUNITY,
  EMAIL,
  EVENTS,
  CONTENT,
  AI_ASSISTANTS,
} from './channels.js'
export { cleanValue, looksPersonal, MAX_VALUE_LENGTH } from './sanitize.js'
export {
  UTM_PARAMS,
  REF_PARAMS,
  CLICK_ID_PARAMS,
  TRACKING_ID_PARAMS,
  ATTRIBUTION_PARAMS,
  POSTHOG_CAMPAIGN_PARAMS,
  type UtmParam,
  type ClickIdParam,
} from './params.js'
export { CARRY_PARAM, type CrossDomainOptions } from './carry.js'
