// The tracker catalog and its matchers: one data module for the guard, the CSP builder and the audit.
export { TRACKERS } from './catalog.js'
export { matchUrl, isAllowedHost, allowEntry } from './match.js'
export { findSnippets, findTrackerIds } from './text.js'
export type { SnippetMatch, TrackerIdMatch } from './text.js'
export type { Tracker, TrackerCategory } from './types.js'
export { TRACKER_PACKAGES, packageOf } from './packages.js'
export type { TrackerPackage } from './packages.js'
