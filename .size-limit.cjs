// Size budgets CI enforces. Sites ship production builds, so the ESM entry is measured as one:
// NODE_ENV=production drops the development-only option checks and warnings.
// The lazy chunks (posthog-js and the config it runs with) load after idle: not part of this budget.
const production = (config) => ({
  ...config,
  define: { ...config.define, 'process.env.NODE_ENV': '"production"' },
  external: [...(config.external ?? []), './loaded-*', './cross-domain-*'],
})

module.exports = [
  // Issue #13 target 3 KB: NOT met since the landing capture, pre-load campaign properties and history pageviews (4.09 kB; docs/posthog.md "Size"), nor since the cross-domain loader and the masked `_fpx` (4.24 kB). This limit only stops regressions.
  { name: 'firstparty.global.js (runs before posthog-js)', path: 'dist/firstparty.global.js', limit: '4.25 KB', gzip: true },
  // Inline before everything else: issue #15's budget (aim 3.0 KB). Measured as served, like posthog-js below: the
  // built IIFE is inlined byte for byte (guardSnippet's GUARD_SOURCE), never re-bundled, and an esbuild re-minify of
  // terser's output only renames it worse. npm run guard:size shows code and catalog apart (docs/guard.md "Size").
  { name: 'guard.global.js (inline script-guard, catalog subset included)', path: 'dist/guard.global.js', limit: '3.3 KB', gzip: true, disablePlugins: ['@size-limit/esbuild'] },
  {
    name: 'ESM entry without posthog-js: import { init }',
    path: 'dist/index.js',
    import: '{ init }',
    ignore: ['posthog-js'],
    // 4.36 kB with the cross-domain loader (the link module itself is a lazy chunk, excluded).
    limit: '4.4 KB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  // The default lazy part: posthog-js's slim no-external build (builds.ts); the fuller builds load only for options that need
  // them. Measured as served (no esbuild re-bundle): it is a finished browser bundle, not re-bundled by the site.
  // Issue #13's 60 KB is NOT met since the cross-domain merge (60.18 kB as served): this limit only stops regressions.
  { name: 'posthog-js, loaded later (default lazy part, slim build)', path: 'dist/firstparty.posthog.js', limit: '60.5 KB', gzip: true, disablePlugins: ['@size-limit/esbuild'] },
  { name: 'cross-domain links, fetched at init only with attribution.crossDomain', path: 'dist/firstparty.cross-domain.js', limit: '1.4 KB', gzip: true },
]
