import { expectTypeOf, test } from 'vitest'
import type { Report, ReportOptions, ReportRow } from '../../src/report/index.js'
import { ReportBuilder } from '../../src/report/index.js'

test('rows always carry every key; values that do not apply are null, not undefined', () => {
  expectTypeOf<ReportRow['conversion']>().toEqualTypeOf<number | null>()
  expectTypeOf<ReportRow['cost']>().toEqualTypeOf<number | null>()
  expectTypeOf<ReportRow['name']>().toEqualTypeOf<string | null>()
  expectTypeOf<ReportRow['selfReported']>().toEqualTypeOf<number | null>()
  expectTypeOf<Report['from']>().toEqualTypeOf<string | null>()
  // @ts-expect-error a row cannot omit a key
  const partial: ReportRow = {
    key: 'theo',
    name: null,
    kind: 'registered',
    landings: 0,
    visitors: 0,
    signups: 0,
    conversion: null,
    cost: null,
    currency: null,
    costPerSignup: null,
  }
  void partial
})

test('options accept only the documented rows and models', () => {
  expectTypeOf<ReportOptions['by']>().toEqualTypeOf<'creator' | 'campaign' | 'channel' | undefined>()
  // @ts-expect-error no weekly rows
  new ReportBuilder({ by: 'week' })
  // @ts-expect-error no linear model
  new ReportBuilder({ model: 'linear' })
  // @ts-expect-error rows are read-only output of finish(), not an option
  new ReportBuilder({ rows: [] })
})
