// Size budgets CI enforces. Sites ship production builds, so the ESM entry is measured as one:
// NODE_ENV=production drops the development-only option checks and warnings.
// The lazy chunks (posthog-js and the config it runs with) load after idle: not part of this budget.
const production = (config) => ({
  ...config,
  define: { ...config.define, 'process.env.NODE_ENV': '"production"' },
  external: [...(config.external ?? []), './loaded-*', './cross-domain-*'],
})

module.exports = [
  { name: 'firstparty.global.js (runs before posthog-js)', path: 'dist/firstparty.global.js', limit: '3 KB', gzip: true },
  // Inline before everything else. Issue target 1.5 KB: NOT met: the code alone is 2.24 kB before any catalog data (npm run guard:size; README "Size"). This limit only stops regressions.
  { name: 'guard.global.js (inline script-guard, catalog subset included)', path: 'dist/guard.global.js', limit: '3.3 KB', gzip: true },
  {
    name: 'ESM entry without posthog-js: import { init }',
    path: 'dist/index.js',
    import: '{ init }',
    ignore: ['posthog-js'],
    limit: '3 KB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  { name: 'cross-domain links, fetched at init only with attribution.crossDomain', path: 'dist/firstparty.cross-domain.js', limit: '1.4 KB', gzip: true },
  { name: 'posthog-js, loaded later (reported, not on the critical path)', path: 'dist/firstparty.posthog.js', limit: '140 KB', gzip: true },
]
