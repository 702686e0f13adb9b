import { ReportBuilder } from './build.js'
import { readEventFile } from './read.js'
import type { RegistryLookup } from './registry.js'
import type { Report, ReportOptions } from './types.js'

/**
 * Read event files one after the other, streaming, and build the report.
 * @throws ReportInputError when a file cannot be read; RangeError for a bad `from` / `to`
 * @example
 * ```ts
 * const report = await reportFromFiles(['events.ndjson', 'posthog-export.csv.gz'], { by: 'creator', model: 'first' })
 * console.log(report.rows[0]?.key)
 * ```
 */
export async function reportFromFiles(files: readonly string[], options: ReportOptions = {}, registry?: RegistryLookup): Promise<Report> {
  const builder = new ReportBuilder(options, registry)
  for (const file of files) {
    await readEventFile(file, builder)
    builder.input.files++
  }
  return builder.finish()
}
