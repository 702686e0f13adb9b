import type { LandedProperties } from '../events/catalog.js'
import { UTM_PARAMS } from './params.js'
import type { Touch } from './touch.js'

/** A touch as flat event properties: `channel`, `utm_*`, `ref`, `referrer_host`, `landing_path`, `paid_click`, `click_networks`. */
export function touchProperties(touch: Touch): LandedProperties {
  const props: LandedProperties = { channel: touch.channel, landing_path: touch.landingPath, paid_click: touch.paid }
  for (const name of UTM_PARAMS) {
    const v = touch.utm[name]
    if (v !== undefined) props[name] = v
  }
  if (touch.ref !== undefined) props.ref = touch.ref
  if (touch.referrerHost !== undefined) props.referrer_host = touch.referrerHost
  if (touch.clickIds.length) props.click_networks = [...touch.clickIds]
  return props
}

/**
 * A touch as prefixed properties, e.g. `first_touch_channel`, `first_touch_ref`, `last_touch_utm_source`,
 * plus `<prefix>at` (ISO time). Every name of the other touch is present too (as `null` when
 * absent) so a registered property from an earlier touch never lingers.
 * @param prefix - `'first_touch_'` or `'last_touch_'`
 */
export function prefixedProperties(touch: Touch, prefix: 'first_touch_' | 'last_touch_'): Record<string, string | boolean | string[] | null> {
  const flat: Record<string, string | boolean | string[] | null> = { ref: null, referrer_host: null, click_networks: null }
  for (const name of UTM_PARAMS) flat[name] = null
  Object.assign(flat, touchProperties(touch), { at: new Date(touch.timestamp).toISOString() })
  const out: Record<string, string | boolean | string[] | null> = {}
  for (const [k, v] of Object.entries(flat)) out[prefix + k] = v
  return out
}
