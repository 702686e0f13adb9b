// Rollup plugins that build the guard, used by rollup.config.ts (build time only, never shipped).
import { readFileSync } from 'node:fs'
import type { Plugin } from 'rollup'
import terser from '@rollup/plugin-terser'
import { TRACKERS } from '../trackers/catalog.js'
import { compactCatalog } from '../guard/compact.js'

const DATA = '\0firstparty-guard-data'
const SOURCE = '\0firstparty-guard-source'

/**
 * Minify harder than the other bundles: the guard is inlined in every page under a tight budget. The
 * classifier's properties never leave the closure, so they can be mangled.
 */
const MINIFY = {
  ecma: 2021,
  // Never `toplevel`: terser would unwrap the IIFE and declare the guard's variables in the page's scope.
  // `unsafe_arrows` only turns function expressions that use neither `this` nor `arguments` into arrows: here the
  // classifier's IIFE and the path matcher, which nothing calls with `new` (-5 B). No other `unsafe*` (`String(key)`
  // in the stubs must not become `"" + key`, which throws on symbols) and no `pure_getters` (DOM getters run code).
  compress: { passes: 3, unsafe_arrows: true },
  // The guard's own objects' names. `builtins`: some are DOM names too (`id`, `rows`, `check`), but the guard
  // never reads those from the DOM, so mangling them is safe; report fields and options are not listed.
  mangle: { properties: { regex: /^(rows|allowed|verdict|check|sniff|report|id|hosts|paths|fingerprints|stubs)$/, builtins: true } },
} as const

/**
 * Replace `src/guard/data.ts` with the compact catalog as a literal, so `dist/guard.global.js` carries the
 * catalog's data (computed from the one catalog module at build time) and none of its code; minify the
 * result with {@link MINIFY} (the shared terser pass that follows finds nothing left to do).
 */
export function guardDataPlugin(): Plugin {
  const min = terser(MINIFY)
  return {
    name: 'firstparty-guard-data',
    resolveId: (source, importer) => (source === './data.js' && importer?.replace(/\\/g, '/').endsWith('/src/guard/global.ts') ? DATA : null),
    load: (id) => (id === DATA ? `export const GUARD_DATA = ${JSON.stringify(compactCatalog(TRACKERS))}` : null),
    // No "use strict" in the IIFE: the guard is written as modules (strict by nature) and type-checked, so
    // it relies on nothing sloppy mode changes, and the directive is bytes in every page.
    outputOptions: (output) => ({ ...output, strict: false }),
    renderChunk(code, chunk, options, meta) {
      // @rollup/plugin-terser's hook is a plain function (it runs terser in a worker).
      const render = min.renderChunk as (this: unknown, ...a: unknown[]) => Promise<{ code: string }>
      return render.call(this, code, chunk, options, meta)
    },
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
