// Stylesheets load URLs too: `@import` and `url()` (fonts, images, and the odd CSS beacon).
import { classifyUrl } from '../classify.js'
import type { Finding } from '../types.js'
import { resourceFinding } from './html.js'
import { blankRanges } from './mask.js'

const COMMENT = /\/\*[\s\S]*?\*\//g
/** `@import 'x'`, `@import url(x)` and `url(x)`; quoted URLs may hold `;` and `)` (Google Fonts' `wght@400;700`). */
const URL_REF = /(?:@import\s+(?:url\(\s*)?|url\(\s*)(?:(['"])(.*?)\1|([^'"()\s;]+))/gi

/**
 * Tracker and third-party URLs a stylesheet loads, with their positions.
 *
 * @example scanCss("@import url('https://fonts.googleapis.com/css2?family=Inter');", 'site.css', locate, [])
 */
export function scanCss(text: string, page: string, locate: (offset: number) => { line: number; column: number }, allow: readonly string[]): Finding[] {
  const css = blankRanges(
    text,
    [...text.matchAll(COMMENT)].map((m): [number, number] => [m.index, m.index + m[0].length]),
  )
  const findings: Finding[] = []
  for (const m of css.matchAll(URL_REF)) {
    const url = m[2] ?? m[3] ?? ''
    const c = classifyUrl(url, allow)
    if (c) findings.push(resourceFinding(c, page, m[0].startsWith('@') ? 'CSS @import' : 'CSS url()', locate(m.index), false))
  }
  return findings
}
