// npm packages and framework plugins that load a catalogued tracker when they are imported or configured.
// Data next to the catalog, so the audit names the package and the tracker it injects (issue #14).

/** One package that injects a tracker. */
export interface TrackerPackage {
  /** npm name, e.g. `'react-ga4'`; an import of `name/sub/path` counts as the package too. */
  readonly name: string
  /** Catalog id of the tracker it loads whenever it is used. */
  readonly tracker?: string
  /**
   * For packages that also ship harmless parts (`@next/third-parties` has YouTube and Maps embeds): the named
   * exports that load a tracker, and which. Only an import of one of these is a finding; a dependency alone
   * is a warning ("may load").
   */
  readonly exports?: Readonly<Record<string, string>>
}

/**
 * Packages that load trackers. Names are matched exactly (or as `name/…` subpaths) inside string literals of
 * code: `import … from 'react-ga4'`, `require('react-ga4')`, `plugins: ['gatsby-plugin-google-gtag']`,
 * `modules: ['nuxt-gtag']`, and in `package.json` dependencies.
 * @example
 * ```ts
 * TRACKER_PACKAGES.find((p) => p.name === 'vue-gtag')?.tracker // 'ga4'
 * ```
 */
export const TRACKER_PACKAGES: readonly TrackerPackage[] = [
  // Next.js
  { name: '@next/third-parties', exports: { GoogleAnalytics: 'ga4', sendGAEvent: 'ga4', GoogleTagManager: 'gtm', sendGTMEvent: 'gtm' } },
  { name: 'nextjs-google-analytics', tracker: 'ga4' },
  { name: 'next-plausible', tracker: 'plausible' },
  // React
  { name: 'react-ga4', tracker: 'ga4' },
  { name: 'react-ga', tracker: 'universal-analytics' },
  { name: 'react-gtm-module', tracker: 'gtm' },
  { name: '@sooro-io/react-gtm-module', tracker: 'gtm' },
  { name: 'react-facebook-pixel', tracker: 'meta-pixel' },
  { name: 'react-hotjar', tracker: 'hotjar' },
  { name: '@hotjar/browser', tracker: 'hotjar' },
  { name: 'react-linkedin-insight', tracker: 'linkedin-insight' },
  { name: 'react-use-intercom', tracker: 'intercom' },
  { name: '@intercom/messenger-js-sdk', tracker: 'intercom' },
  { name: 'react-yandex-metrika', tracker: 'yandex-metrica' },
  { name: '@jonkoops/matomo-tracker-react', tracker: 'matomo' },
  { name: '@datapunt/matomo-tracker-react', tracker: 'matomo' },
  { name: '@datapunt/matomo-tracker-js', tracker: 'matomo' },
  // Vue / Nuxt
  { name: 'vue-gtag', tracker: 'ga4' },
  { name: 'vue-gtag-next', tracker: 'ga4' },
  { name: '@gtm-support/vue-gtm', tracker: 'gtm' },
  { name: 'vue-gtm', tracker: 'gtm' },
  { name: 'vue-matomo', tracker: 'matomo' },
  { name: 'vue-yandex-metrika', tracker: 'yandex-metrica' },
  { name: 'nuxt-gtag', tracker: 'ga4' },
  { name: '@nuxtjs/gtm', tracker: 'gtm' },
  { name: '@zadigetvoltaire/nuxt-gtm', tracker: 'gtm' },
  { name: '@nuxtjs/google-analytics', tracker: 'universal-analytics' },
  { name: '@nuxtjs/google-gtag', tracker: 'ga4' },
  { name: '@nuxtjs/plausible', tracker: 'plausible' },
  { name: 'nuxt-umami', tracker: 'umami' },
  // Gatsby
  { name: 'gatsby-plugin-google-gtag', tracker: 'ga4' },
  { name: 'gatsby-plugin-google-analytics', tracker: 'universal-analytics' },
  { name: 'gatsby-plugin-google-tagmanager', tracker: 'gtm' },
  { name: 'gatsby-plugin-facebook-pixel', tracker: 'meta-pixel' },
  { name: 'gatsby-plugin-hotjar', tracker: 'hotjar' },
  { name: 'gatsby-plugin-plausible', tracker: 'plausible' },
  // Docusaurus
  { name: '@docusaurus/plugin-google-gtag', tracker: 'ga4' },
  { name: '@docusaurus/plugin-google-analytics', tracker: 'universal-analytics' },
  { name: '@docusaurus/plugin-google-tag-manager', tracker: 'gtm' },
  // Astro
  { name: '@yeskunall/astro-umami', tracker: 'umami' },
  { name: '@astrolib/analytics', exports: { GoogleAnalytics: 'ga4' } },
  // Framework-neutral SDKs
  { name: 'mixpanel-browser', tracker: 'mixpanel' },
  { name: '@amplitude/analytics-browser', tracker: 'amplitude' },
  { name: 'amplitude-js', tracker: 'amplitude' },
  { name: '@segment/analytics-next', tracker: 'segment' },
  { name: '@fullstory/browser', tracker: 'fullstory' },
  { name: '@microsoft/clarity', tracker: 'microsoft-clarity' },
  { name: 'logrocket', tracker: 'logrocket' },
  { name: '@vercel/analytics', tracker: 'vercel-analytics' },
  { name: 'plausible-tracker', tracker: 'plausible' },
  { name: '@plausible-analytics/tracker', tracker: 'plausible' },
  { name: 'fathom-client', tracker: 'fathom' },
  { name: 'ga-4-react', tracker: 'ga4' },
]

/** The package an import specifier or plugin name belongs to (`react-ga4`, `@next/third-parties/google` → `@next/third-parties`). */
export function packageOf(specifier: string): TrackerPackage | undefined {
  return TRACKER_PACKAGES.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`))
}
