// Where the guard goes: first in <head>, but after `<meta charset>` (browsers look for it in the first 1024
// bytes) and after a CSP `<meta>` (a meta policy only covers what comes after it).
const HEAD = /<head(?:\s[^>]*)?>/i
const LEADING_META = /^(?:\s*<meta\s[^>]*(?:charset|http-equiv\s*=\s*["']?content-security-policy)[^>]*>)+/i

/**
 * Insert `tags` first in `<head>`: after a leading `<meta charset>` / CSP `<meta>`, before everything else.
 * Without a `<head>` tag the tags go first in the document (the parser opens `<head>` for them).
 * @example
 * ```ts
 * insertFirstInHead('<head><meta charset="utf-8"><title>x</title>', '<script>…</script>')
 * // '<head><meta charset="utf-8"><script>…</script><title>x</title>'
 * ```
 */
export function insertFirstInHead(html: string, tags: string): string {
  const head = HEAD.exec(html)
  if (!head) {
    const doctype = /^\s*<!doctype[^>]*>/i.exec(html)
    const at = doctype ? doctype[0].length : 0
    return html.slice(0, at) + tags + html.slice(at)
  }
  let at = head.index + head[0].length
  const meta = LEADING_META.exec(html.slice(at))
  if (meta) at += meta[0].length
  return html.slice(0, at) + tags + html.slice(at)
}
