// Campaign and referral attribution: parse a landing URL + referrer into a touch, classify its channel.
export { parseTouch, rulesFor, type Touch, type AttributionOptions } from './touch.js'
export {
  classify,
  hostMatches,
  CHANNELS,
  DEFAULT_CHANNEL_RULES,
  PAID_MEDIUMS,
  SEARCH,
  SOCIAL,
  COMMUNITY,
  EMAIL,
  EVENTS,
  CONTENT,
  type Channel,
  type ChannelRule,
  type ClickNetwork,
} from './channels.js'
export { cleanValue, looksPersonal, MAX_VALUE_LENGTH } from './sanitize.js'
export { UTM_PARAMS, REF_PARAMS, CLICK_ID_PARAMS, type UtmParam, type ClickIdParam } from './params.js'
