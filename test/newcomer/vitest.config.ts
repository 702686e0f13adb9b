// `npm run test:newcomer`: fresh projects built from the packed tarball with today's framework majors from the
// npm registry, as a new user would. Slow (installs, a Next.js build), so it has its own config and CI step.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('../../', import.meta.url).pathname,
    include: ['test/newcomer/**/*.test.ts'],
    maxWorkers: 1,
    // The TypeScript matrix runs two compilers at a time (2 cores).
    maxConcurrency: 2,
    testTimeout: 240_000,
    hookTimeout: 600_000,
  },
})
