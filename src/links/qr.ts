import QRCode from 'qrcode'
import { normalizeValue } from './normalize.js'
import type { BuiltLink } from './types.js'

/**
 * A QR code for a link, as an SVG document. Error correction `M` survives a projector's glare
 * without making the code much denser.
 * @example
 * ```ts
 * const svg = await qrSvg('https://example.dev/signup?utm_source=conf&ref=theo')
 * ```
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}

/** File name of a link's QR code: `<creator>--<campaign>.svg`, safe on every file system. */
export function qrFileName(link: Pick<BuiltLink, 'creator' | 'campaign'>): string {
  return `${normalizeValue(link.creator) || 'creator'}--${link.campaign || 'campaign'}.svg`
}
