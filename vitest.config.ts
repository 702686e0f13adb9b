import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The examples' route files import the package by name; in unit tests that name is the source.
  resolve: { alias: [{ find: /^firstparty\/server$/, replacement: fileURLToPath(new URL('./src/server/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    // The newcomer test installs from the npm registry: its own step (npm run test:newcomer).
    exclude: ['test/newcomer/**', '**/node_modules/**'],
    // Browser tests start Chromium; two cores here, so keep workers few and timeouts generous.
    maxWorkers: 2,
    testTimeout: 30_000,
    // The JSON report gives .ci/run its closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/vitest-report.json' }]],
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
  },
})
