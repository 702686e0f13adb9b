import type { PostHog } from 'posthog-js'
import { warn } from '../errors.js'
import { checkEvent } from './check.js'

/**
 * Development check, installed in the lazy part when `debug` is on (the default in development
 * builds): every `capture` of a non-`$` event is compared with the catalog and each problem is
 * warned about once. The event is still sent; the check never changes data.
 */
export function checkCaptures(ph: PostHog): void {
  const capture = ph.capture.bind(ph)
  ph.capture = ((name: string, properties?: Record<string, unknown> | null, options?: object) => {
    // posthog-js's own events ($identify, $pageleave…) are not ours to check; $pageview is.
    if (typeof name !== 'string' || !name.startsWith('$') || name === '$pageview') {
      for (const problem of checkEvent(name, properties ?? undefined)) warn(problem)
    }
    return capture(name, properties, options as Parameters<PostHog['capture']>[2])
  }) as PostHog['capture']
}
