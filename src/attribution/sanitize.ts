/**
 * Privacy filter for attribution values: anything that looks personal or secret is dropped before it
 * is stored or sent. Campaign values are short slugs; a value that is not is treated as a leak.
 */

/** Longest value kept, in characters (longer values are cut). */
export const MAX_VALUE_LENGTH = 100

const EMAIL = /[^\s@]+(@|%40)[^\s@]+\.[a-z]{2,}/i
// Long unbroken runs of token alphabet with both letters and digits: session ids, magic links, hashes.
const TOKEN = /[A-Za-z0-9_\-+/=.]{32,}/
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/
// A whole value of nine or more digits, optionally grouped: phone, card and account numbers.
// Whole-value only, so campaign slugs with dates (`launch-2026-11-25-2`) are kept.
const PHONE = /^\+?[\d\s().-]+$/
// C0/C1 control characters and bidi overrides (used to disguise text in dashboards).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * True when a value looks like personal data or a secret: an email address, a long token, a JWT
 * or a phone-like run of digits.
 * @example
 * ```ts
 * looksPersonal('jane@example.com') // true
 * looksPersonal('spring-launch')    // false
 * ```
 */
export function looksPersonal(value: string): boolean {
  if (EMAIL.test(value) || JWT.test(value)) return true
  if (PHONE.test(value) && (value.match(/\d/g) ?? []).length >= 9) return true
  const token = TOKEN.exec(value)
  return token !== null && /[0-9]/.test(token[0]) && /[A-Za-z]/.test(token[0])
}

/**
 * Clean one attribution value: control characters removed, whitespace trimmed, cut to
 * {@link MAX_VALUE_LENGTH} characters; `undefined` when empty or personal-looking. Never throws.
 * @example
 * ```ts
 * cleanValue('  Newsletter ') // 'Newsletter'
 * cleanValue('a@b.co')        // undefined
 * ```
 */
export function cleanValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.replace(CONTROL, '').trim()
  if (!text || looksPersonal(text)) return undefined
  // Cut by code points so a surrogate pair is never split.
  const chars = Array.from(text)
  return chars.length > MAX_VALUE_LENGTH ? chars.slice(0, MAX_VALUE_LENGTH).join('') : text
}
