/**
 * The one list of attribution parameter names. The link builder writes them, the attribution parser
 * reads them, the audit and docs quote them: change a name here and every side follows.
 */

/** GA4-style UTM parameters, in the stable order links are written. */
export const UTM_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_id',
  'utm_source_platform',
  'utm_creative_format',
  'utm_marketing_tactic',
] as const

/** A UTM parameter name. */
export type UtmParam = (typeof UTM_PARAMS)[number]

/** Creator / referral code parameters read by default; the first one is what the link builder writes. */
export const REF_PARAMS = ['ref', 'via'] as const

/**
 * Ad click ids. Their presence is recorded as "paid click" (and which network); the values are
 * never stored or forwarded.
 */
export const CLICK_ID_PARAMS = {
  gclid: 'google',
  gbraid: 'google',
  wbraid: 'google',
  dclid: 'google',
  fbclid: 'meta',
  msclkid: 'microsoft',
  ttclid: 'tiktok',
  li_fat_id: 'linkedin',
  twclid: 'x',
  rdt_cid: 'reddit',
  sccid: 'snapchat',
  epik: 'pinterest',
} as const

/** A click id parameter name. */
export type ClickIdParam = keyof typeof CLICK_ID_PARAMS
