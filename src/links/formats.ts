import type { BuiltLink } from './types.js'

/** Output formats of `firstparty links build`. */
export const FORMATS = ['csv', 'json', 'md'] as const
/** An output format. */
export type Format = (typeof FORMATS)[number]

/** A link as written out, optionally with the path of its QR code. */
export type OutputLink = BuiltLink & { qr?: string }

const COLUMNS = ['creator', 'name', 'platform', 'channel', 'code', 'campaign', 'url'] as const

/**
 * One CSV cell (RFC 4180). Cells a spreadsheet would run as a formula (`= + - @`, tab, CR) get a leading
 * `'`, as OWASP ASVS 1.2.10 asks: a creator named `=HYPERLINK(…)` must stay text.
 * @example
 * ```ts
 * csvCell('=1+1') // "'=1+1"
 * csvCell('a,b') // '"a,b"'
 * ```
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Links as CSV with a header row, CRLF line ends (what spreadsheets expect). */
export function toCsv(links: readonly OutputLink[]): string {
  const qr = links.some((l) => l.qr !== undefined)
  const header = qr ? [...COLUMNS, 'qr'] : [...COLUMNS]
  const rows = links.map((l) => [...COLUMNS.map((c) => l[c]), ...(qr ? [l.qr ?? ''] : [])])
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** Links as a JSON array, one object per link. */
export function toJson(links: readonly OutputLink[]): string {
  return `${JSON.stringify(links, null, 2)}\n`
}

/** One Markdown table cell: pipes escaped, line breaks flattened, so a name cannot break the table. */
export function mdCell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
}

/** Links as a Markdown table for the creator brief. */
export function toMarkdown(links: readonly OutputLink[]): string {
  const qr = links.some((l) => l.qr !== undefined)
  const head = ['Creator', 'Platform', 'Code', 'Campaign', 'Link', ...(qr ? ['QR'] : [])]
  const rows = links.map((l) => [
    mdCell(l.name),
    mdCell(l.platform),
    `\`${l.code}\``,
    mdCell(l.campaign),
    `<${l.url}>`,
    ...(qr ? [l.qr === undefined ? '' : `[svg](${encodeURI(l.qr)})`] : []),
  ])
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return `${[line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')}\n`
}

/** Render links in one format. */
export function render(format: Format, links: readonly OutputLink[]): string {
  return format === 'csv' ? toCsv(links) : format === 'json' ? toJson(links) : toMarkdown(links)
}
