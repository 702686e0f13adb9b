/**
 * Run `fn` once the page is interactive and the main thread is idle, or after `timeout` ms at the latest.
 * Returns a function that runs it now instead (used when the page is being left).
 */
export function whenIdle(fn: () => void, timeout: number): () => void {
  let done = false
  const run = (): void => {
    if (done) return
    done = true
    fn()
  }
  const idle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout })
    else setTimeout(run, 1)
    setTimeout(run, timeout) // idle callbacks can starve on busy pages
  }
  if (document.readyState === 'complete') idle()
  else addEventListener('load', idle, { once: true })
  return run
}
