// Rollup plugins for the guard, used by rollup.config.ts (build time only, never shipped).
import { readFileSync } from 'node:fs'
import type { Plugin } from 'rollup'
import { TRACKERS } from '../trackers/catalog.js'
import { compactCatalog } from './compact.js'

const DATA = '\0firstparty-guard-data'
const SOURCE = '\0firstparty-guard-source'

/**
 * Replace `src/guard/data.ts` with the compact catalog as a literal, so `dist/guard.global.js` carries the
 * catalog's data (computed from the one catalog module at build time) and none of its code.
 */
export function guardDataPlugin(): Plugin {
  return {
    name: 'firstparty-guard-data',
    resolveId: (source, importer) => (source === './data.js' && importer?.replace(/\\/g, '/').endsWith('/src/guard/global.ts') ? DATA : null),
    load: (id) => (id === DATA ? `export const GUARD_DATA = ${JSON.stringify(compactCatalog(TRACKERS))}` : null),
  }
}

/**
 * Inline the built `dist/guard.global.js` into the library as `GUARD_SOURCE`, so `guardSnippet()` needs no
 * file access at run time (and works in edge runtimes). The IIFE build must run before the library builds.
 */
export function guardSourcePlugin(file = 'dist/guard.global.js'): Plugin {
  return {
    name: 'firstparty-guard-source',
    resolveId: (source, importer) => (source === './source.js' && importer?.replace(/\\/g, '/').endsWith('/src/guard/snippet.ts') ? SOURCE : null),
    load(id) {
      if (id !== SOURCE) return null
      this.addWatchFile(file)
      return `export const GUARD_SOURCE = ${JSON.stringify(readFileSync(file, 'utf8').trim())}`
    },
  }
}
