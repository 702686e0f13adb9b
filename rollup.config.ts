import { builtinModules } from 'node:module'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin, RollupOptions } from 'rollup'
import typescript from '@rollup/plugin-typescript'
import resolve from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import { guardDataPlugin, guardSourcePlugin } from './src/build/guard.js'

const pkg = JSON.parse(readFileSync('./package.json', 'utf8')) as {
  version: string
  dependencies: Record<string, string>
  peerDependencies?: Record<string, string>
}

// Dependencies and optional peers stay external in the npm build: the site's bundler or Node resolves them.
const deps = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]
const external = (id: string): boolean => id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`))

/** Library entries: one ESM + one CJS file each, types emitted next to the ESM build. */
const libraryEntries = {
  index: 'src/index.ts',
  server: 'src/server/index.ts',
  guard: 'src/guard/index.ts',
  // Build-time adapters, own entries so sites that skip them pay nothing.
  vite: 'src/vite/index.ts',
  react: 'src/react/index.ts',
  // Node-only: the tracker audit (its worker is an ESM-only extra input below).
  audit: 'src/audit/index.ts',
  // The live audit apart, so `firstparty/audit` types need no playwright-core (an optional peer).
  'audit-live': 'src/audit/live/index.ts',
  // Node-only: loadConfig() for firstparty.config.json, for sites that build their own CSP header or guard.
  config: 'src/config/index.ts',
}

/** Browser bundles for sites without a bundler: minified, production flags baked in. */
const browser = (input: string, file: string, format: 'iife' | 'es', name?: string, minify = true, target?: string): RollupOptions => ({
  input,
  // No "use strict" banner: the sources are strict TypeScript already, and the page pays for every byte.
  output: { file, format, ...(name ? { name } : {}), sourcemap: false, strict: false },
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    resolve({ browser: true }),
    typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist', noEmitOnError: false, ...(target ? { target } : {}) }),
    // posthog-js ships minified already; minifying it again only costs build time.
    ...(minify ? [terser({ ecma: 2020, module: format === 'es', compress: { passes: 2 } })] : []),
  ],
})

// Host helpers get their own chunk: otherwise they share one with the tracker catalog, and importing
// them from the page's critical path (cross-domain links) would pull the catalog into `import { init }`.
const manualChunks = (id: string): string | undefined => (/[\\/]src[\\/]hosts[\\/]/.test(id) ? 'hosts' : undefined)

const shebang = (): Plugin => ({
  name: 'shebang',
  renderChunk(code, chunk) {
    return chunk.name === 'cli' ? { code: `#!/usr/bin/env node\n${code}`, map: null } : null
  },
})

/**
 * Types for `require`: a `.d.cts` twin of every emitted `.d.ts`, its relative imports pointing at `.cjs`, so a
 * CommonJS consumer sees CommonJS types all the way down (one shared ESM `.d.ts` "masquerades as ESM" to
 * TypeScript under node16/nodenext). The declarations are identical; only the module format differs.
 */
const RELATIVE_JS = /((?:from|import)\s*\(?\s*)(['"])(\.\.?\/[^'"]*?)\.js\2/g
// Peers whose types exist only for `import` (vite is ESM-only): a CommonJS declaration must say how to resolve them.
const ESM_ONLY_TYPES = /^(import type \{[^}]*\} from '(?:vite)')(;?)$/gm
const toCtsDeclaration = (text: string): string =>
  text.replace(RELATIVE_JS, '$1$2$3.cjs$2').replace(ESM_ONLY_TYPES, "$1 with { 'resolution-mode': 'import' }$2")
const ctsDeclarations = (): Plugin => ({
  name: 'cts-declarations',
  writeBundle({ dir }) {
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (entry.name.endsWith('.d.ts')) writeFileSync(path.replace(/\.d\.ts$/, '.d.cts'), toCtsDeclaration(readFileSync(path, 'utf8')))
      }
    }
    if (dir) walk(dir)
  },
})

// The guard IIFE with the compact catalog baked in; first, because the library inlines it (guardSnippet).
// ES2021 keeps the guard's `||=` as written (fewer bytes inline in every page): logical assignment needs Chrome 85,
// Safari 14, Firefox 79, a small step past the optional chaining the guard already uses (Chrome 80, Safari 13.1).
const guardGlobal = browser('src/guard/global.ts', 'dist/guard.global.js', 'iife', undefined, true, 'ES2021')
guardGlobal.plugins = [guardDataPlugin(), ...(guardGlobal.plugins as Plugin[])]

// Type errors fail `npm test` (tsc --noEmit); the build itself only emits.
const config: RollupOptions[] = [
  guardGlobal,
  {
    input: { ...libraryEntries, cli: 'src/cli/index.ts', 'audit-worker': 'src/audit/static/worker.ts' },
    external,
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', manualChunks },
    plugins: [
      guardSourcePlugin(),
      // `firstparty --version`: the version is baked in, so the CLI never has to find its package.json.
      replace({ preventAssignment: true, values: { __FIRSTPARTY_VERSION__: JSON.stringify(pkg.version) } }),
      typescript({ tsconfig: './tsconfig.json', outDir: 'dist', noEmitOnError: false }),
      shebang(),
      ctsDeclarations(),
    ],
  },
  {
    input: libraryEntries,
    external,
    output: {
      dir: 'dist',
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: 'chunks/[name]-[hash].cjs',
      manualChunks,
      // posthog-js is loaded with import(); keep it lazy in CJS too.
      dynamicImportInCjs: true,
    },
    plugins: [guardSourcePlugin(), typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist', noEmitOnError: false })],
  },
  browser('src/global.ts', 'dist/firstparty.global.js', 'iife'),
  // Fetched by the <script> build at init: the early part always, the cross-domain links only with attribution.crossDomain.
  browser('src/posthog/early.ts', 'dist/firstparty.early.js', 'es'),
  browser('src/posthog/cross-domain.ts', 'dist/firstparty.cross-domain.js', 'es'),
  // posthog-js itself, served from the site next to firstparty.global.js and imported lazily by it.
  // The default lazy part is minified: firstparty's own attribution code is in it too.
  browser('src/posthog/loaded.ts', 'dist/firstparty.posthog.js', 'es'),
  browser('src/posthog/loaded-standard.ts', 'dist/firstparty.posthog-standard.js', 'es', undefined, false),
  browser('src/posthog/loaded-full.ts', 'dist/firstparty.posthog-full.js', 'es', undefined, false),
]

export default config
