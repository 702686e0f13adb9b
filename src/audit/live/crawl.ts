// Same-origin crawl: a breadth-first queue fed by each page's links and the site's sitemap.xml,
// worked by a fixed number of lanes.

/** Options of {@link crawl}. */
export interface CrawlOptions {
  /** Follow links and sitemaps; when false only the start URLs are visited. */
  follow: boolean
  /** Stop after this many pages. */
  maxPages: number
  /** Pages audited at once. */
  concurrency: number
  /** Called when a page is done, with the number done and the number known so far. */
  onProgress?: (done: number, known: number, url: string) => void
}

/** Extensions that are not pages: never queued. */
const NOT_A_PAGE = /\.(pdf|zip|gz|png|jpe?g|gif|webp|avif|svg|ico|css|js|mjs|json|xml|txt|mp4|webm|mp3|woff2?|ttf|eot)$/i

/** Canonical form for de-duplication: no fragment. */
export function normalizeUrl(raw: string): string | undefined {
  try {
    const u = new URL(raw)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined
    u.hash = ''
    return u.href
  } catch {
    return undefined
  }
}

/**
 * Visit start URLs and, when following, same-origin links and sitemap entries, up to `maxPages`.
 * `visit` returns the links found on the page.
 *
 * @example await crawl(['http://127.0.0.1:8080/'], (url) => auditAndReturnLinks(url), { follow: true, maxPages: 20, concurrency: 2 })
 */
export async function crawl(starts: readonly string[], visit: (url: string) => Promise<string[]>, options: CrawlOptions): Promise<void> {
  const queue: string[] = []
  const known = new Set<string>()
  const origins = new Set<string>()
  const enqueue = (raw: string, force = false): void => {
    const url = normalizeUrl(raw)
    if (!url || known.has(url) || known.size >= options.maxPages) return
    const u = new URL(url)
    if (!force && (!origins.has(u.origin) || NOT_A_PAGE.test(u.pathname))) return
    known.add(url)
    queue.push(url)
  }
  for (const s of starts) {
    const url = normalizeUrl(s)
    if (url) origins.add(new URL(url).origin)
    enqueue(s, true)
  }
  if (options.follow) for (const origin of origins) for (const loc of await sitemap(origin)) enqueue(loc)
  let done = 0
  let active = 0
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (queue.length === 0 && active === 0) return resolve()
      while (active < options.concurrency && queue.length) {
        const url = queue.shift() as string
        active++
        visit(url)
          .then((found) => {
            if (options.follow) for (const link of found) enqueue(link)
            options.onProgress?.(++done, known.size, url)
            active--
            pump()
          })
          .catch(reject)
      }
    }
    pump()
  })
}

/** `<loc>` entries of `/sitemap.xml` (one level of sitemap index is followed); none when absent. */
export async function sitemap(origin: string): Promise<string[]> {
  const locs = await fetchLocs(`${origin}/sitemap.xml`)
  const nested = locs.filter((l) => /\.xml(\?|$)/i.test(l) && l.startsWith(origin))
  const pages = locs.filter((l) => !nested.includes(l))
  for (const n of nested.slice(0, 20)) pages.push(...(await fetchLocs(n)))
  return pages
}

async function fetchLocs(url: string): Promise<string[]> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' })
    if (!res.ok) return []
    const xml = await res.text()
    return [...xml.matchAll(/<loc>\s*(?:<!\[CDATA\[)?\s*([^<\]]+?)\s*(?:\]\]>)?\s*<\/loc>/gi)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'))
  } catch {
    return []
  }
}
