// Where the guard goes: first in <head>, but after `<meta charset>` (browsers look for it in the first 1024
// bytes) and after a CSP `<meta>` (a meta policy only covers what comes after it).
const HEAD = /<head(?:\s[^>]*)?>/i
const LEADING_META = /^(?:\s*<meta\s[^>]*(?:charset|http-equiv\s*=\s*["']?content-security-policy)[^>]*>)+/i
const CHARSET = /<meta\s[^>]*charset[^>]*>/i
const HEAD_END = /<\/head\s*>/i

/**
 * Move a `<meta charset>` that something else was put before (`vite` puts its client script first in
 * `<head>`) to the start of `<head>`, so the guard can follow it and the charset stays in the first 1024 bytes.
 */
function hoistCharset(html: string, headStart: number): string {
  const rest = html.slice(headStart)
  const end = HEAD_END.exec(rest)?.index ?? rest.length
  const charset = CHARSET.exec(rest.slice(0, end))
  if (!charset || LEADING_META.exec(rest)?.[0].includes(charset[0])) return html
  const without = rest.slice(0, charset.index) + rest.slice(charset.index + charset[0].length)
  return html.slice(0, headStart) + charset[0] + without
}

/**
 * Insert `tags` first in `<head>`: after `<meta charset>` (moved up if something came before it) and a CSP
 * `<meta>` that follows it, before everything else.
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
  html = hoistCharset(html, at)
  const meta = LEADING_META.exec(html.slice(at))
  if (meta) at += meta[0].length
  return html.slice(0, at) + tags + html.slice(at)
}
