/**
 * Client-side navigation: `history.pushState`/`replaceState` and `popstate`, as Next.js, Vite SPAs
 * and Astro view transitions navigate. `onNavigate` runs once per change of page: a new path, or a
 * new hash when `hash` is on. A `replaceState` to the same path is no navigation.
 */
export function watchHistory(onNavigate: () => void, hash: boolean): void {
  const page = (): string => location.pathname + (hash ? location.hash : '')
  let last = page()
  let pending = false
  const check = (): void => {
    pending = false
    if (page() === last) return
    last = page()
    onNavigate()
  }
  // A tick later: routers set the new title (and sometimes replace the URL again) right after pushing.
  const later = (): void => {
    if (!pending) setTimeout(check)
    pending = true
  }
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method]
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args)
      later()
    }
  }
  addEventListener('popstate', later)
  if (hash) addEventListener('hashchange', later)
}
