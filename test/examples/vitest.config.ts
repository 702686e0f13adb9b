// `npm run test:examples`: builds each example from its own folder, audits it and drives it in Chromium.
// Slow (a Next.js production build), so it has its own config and CI step.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('../../', import.meta.url).pathname,
    include: ['test/examples/**/*.test.ts'],
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
})
