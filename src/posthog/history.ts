/**
 * Client-side navigation: `history.pushState`/`replaceState` and `popstate`, as Next.js, Vite SPAs
 * and Astro view transitions navigate. `onChange(true)` runs once per change of page: a new path, or
 * a new hash when `hash` is on. Other URL changes (a `replaceState` to the same path, a hash-only
 * change) give `onChange(false)`: the page's URL changed, it is still the same page.
 */
export function watchHistory(onChange: (navigated: boolean) => void, hash: boolean): void {
  const page = (): string => location.pathname + (hash ? location.hash : '')
  let last = page()
  let pending = false
  const check = (): void => {
    pending = false
    const navigated = page() !== last
    last = page()
    onChange(navigated)
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
  addEventListener('hashchange', later)
}
