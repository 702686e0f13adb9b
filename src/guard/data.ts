import { TRACKERS } from '../trackers/catalog.js'
import { compactCatalog } from './compact.js'

/**
 * The guard's catalog. In `dist/guard.global.js` this module is replaced at build time by its value as a
 * literal (see `guardDataPlugin` in src/build/guard.ts), so the IIFE carries no catalog code or unused fields.
 */
export const GUARD_DATA = compactCatalog(TRACKERS)
