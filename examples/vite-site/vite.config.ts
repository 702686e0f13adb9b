import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { firstparty } from 'firstparty/vite'

export default defineConfig({
  // The guard goes first in <head> of every page (allow list and mode from firstparty.config.json);
  // `vite` and `vite preview` answer posthog-js at /ingest with a local sink that prints each event.
  // In production your host proxies /ingest to PostHog (see docs/integrations.md).
  plugins: [firstparty()],
  build: {
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        pricing: fileURLToPath(new URL('pricing.html', import.meta.url)),
      },
    },
  },
})
