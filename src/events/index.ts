// Typed events: the catalog (types), its runtime mirror, and the development check.
export type { Events, EventName, EventArgs, LandedProperties, SignupMethod, SurveyChannel } from './catalog.js'
export { BUILTIN_EVENTS, SURVEY_CHANNELS, type EventShape, type PropShape, type PropType } from './shapes.js'
export { checkEvent, defineEvents } from './check.js'
