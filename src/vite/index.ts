// `firstparty/vite`: the guard inlined first in every page's <head>, and `/ingest` served by `vite` and
// `vite preview`. Build-time only: nothing here reaches the browser except the guard snippet itself.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin, PreviewServer, ViteDevServer } from 'vite'
import { CONFIG_FILE, loadConfig, type FirstpartyConfig } from '../config/index.js'
import { guardSnippet, type GuardSnippetOptions } from '../guard/snippet.js'
import { insertFirstInHead } from './html.js'
import { ingestMiddleware, type IngestOptions } from './ingest.js'

/** Options of the {@link firstparty} Vite plugin. Unset fields come from `firstparty.config.json` in the Vite root. */
export interface FirstpartyViteOptions {
  /**
   * The inline guard: allow list, mode, nonce… (`allow`, `mode` and `posthog` default to the config file's),
   * or `false` to leave pages alone. @default {}
   */
  guard?: Omit<GuardSnippetOptions, 'source'> | false
  /** `/ingest` in `vite` and `vite preview`: a local sink by default, a proxy with `upstream`, or `false`. @default {} */
  ingest?: IngestOptions | false
  /** Policy file, relative to the Vite root. @default 'firstparty.config.json' (skipped when missing) */
  config?: string
}

/**
 * Vite plugin: inlines the script-guard first in `<head>` of every HTML page (dev and build) and serves the
 * PostHog capture sink, or the first-party proxy, at `/ingest` in the dev and preview servers.
 * @example
 * ```ts
 * // vite.config.ts
 * import { defineConfig } from 'vite'
 * import { firstparty } from 'firstparty/vite'
 *
 * export default defineConfig({
 *   plugins: [firstparty({ guard: { allow: ['*.youtube.com'] } })],
 * })
 * ```
 */
export function firstparty(options: FirstpartyViteOptions = {}): Plugin {
  let root = process.cwd()
  let snippet: Promise<string> | undefined
  const ingest = options.ingest ?? {}
  const serve = (server: ViteDevServer | PreviewServer): void => {
    if (ingest) server.middlewares.use(ingestMiddleware(ingest, (line) => server.config.logger.info(line)))
  }
  const watch = (server: ViteDevServer): void => {
    serve(server)
    // An edited allow list applies on the next page load, as any other source edit would.
    const file = join(root, options.config ?? CONFIG_FILE)
    server.watcher.add(file)
    server.watcher.on('all', (_, path) => {
      if (path !== file) return
      snippet = undefined
      server.ws.send({ type: 'full-reload' })
    })
  }
  return {
    name: 'firstparty',
    configResolved(config) {
      root = config.root
    },
    transformIndexHtml: {
      // After Vite's own tags, so nothing it adds to <head> can come before the guard.
      order: 'post',
      async handler(html) {
        if (options.guard === false) return html
        snippet ??= guardFor(options.guard ?? {}, root, options.config)
        return insertFirstInHead(html, await snippet)
      },
    },
    configureServer: watch,
    configurePreviewServer: serve,
  }
}

/** The snippet for this site: plugin options first, then the policy file's `allow`, `mode` and `posthog`. */
async function guardFor(guard: Omit<GuardSnippetOptions, 'source'>, root: string, config: string | undefined): Promise<string> {
  const file = join(root, config ?? CONFIG_FILE)
  // An explicitly named file must exist; the default one is optional.
  const policy: FirstpartyConfig = config !== undefined || existsSync(file) ? await loadConfig(file) : {}
  return guardSnippet({
    ...guard,
    ...pick('allow', guard.allow ?? policy.allow),
    ...pick('mode', guard.mode ?? policy.mode),
    ...pick('posthog', guard.posthog ?? policy.posthog),
  })
}

/** `{ key: value }`, or `{}` when the value is undefined (exactOptionalPropertyTypes). */
const pick = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

export { insertFirstInHead } from './html.js'
export type { IngestOptions } from './ingest.js'
export { FirstpartyError, UsageError } from '../errors.js'
