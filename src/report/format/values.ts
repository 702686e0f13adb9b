import type { Report, ReportRow } from '../types.js'

/** A share as a percentage with one decimal (`12.5%`), `-` when not applicable. */
export function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`
}

/** An amount with its currency (`1,500 USD`), two decimals when it has cents; `-` when unknown. */
export function money(value: number | null, currency: string | null): string {
  if (value === null) return '-'
  const digits = Number.isInteger(value) ? 0 : 2
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
  return currency ? `${text} ${currency}` : text
}

/** What the report is about, in words: `by creator, first touch, 2026-11-01 – 2026-11-30`. */
export function caption(report: Report): string {
  const range = report.from === null && report.to === null ? 'all dates' : `${report.from ?? '…'} – ${report.to ?? '…'}`
  return `by ${report.by}, ${report.model} touch, ${range}`
}

/** The label of a row: its key, and the registry name when there is one. */
export function label(row: ReportRow): string {
  const tag = row.kind === 'unregistered' ? ' (unregistered)' : ''
  return row.name !== null && row.name !== row.key ? `${row.key} · ${row.name}${tag}` : `${row.key}${tag}`
}
