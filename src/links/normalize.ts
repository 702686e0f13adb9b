/**
 * UTM values are case-sensitive in every analytics tool, so "YouTube", "youtube " and "you_tube"
 * become three sources. One canonical form for every value the builder writes.
 */

const CANONICAL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Normalize a UTM value: lowercase, accents removed, every run of other characters turned into one `-`,
 * no leading or trailing `-`.
 * @example
 * ```ts
 * normalizeValue('  Launch Week_2026! ') // 'launch-week-2026'
 * normalizeValue('Café Talk') // 'cafe-talk'
 * ```
 */
export function normalizeValue(value: string): string {
  // Most values are already canonical (and every value is normalized twice: validate, then build).
  if (CANONICAL.test(value)) return value
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * Normalize a creator code: codes are compared case-insensitively, so the written form is lowercase.
 * Codes are not re-slugged (a code that is not URL-safe is a validation finding, not silently changed).
 * @example
 * ```ts
 * normalizeCode(' Theo ') // 'theo'
 * ```
 */
export function normalizeCode(code: string): string {
  return code.trim().toLowerCase()
}

/** Characters allowed in a creator code: unreserved in URLs and unambiguous when spoken. */
export const SAFE_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/

/**
 * True when a code is easy to misread in print or on a slide: it contains the digit `0` or `1`
 * (read as O and l), or mixes digits with the letters `o`, `l` or `i`. Plain words (`theo`) pass.
 * @example
 * ```ts
 * isAmbiguousCode('z0e') // true
 * isAmbiguousCode('jo2') // true
 * isAmbiguousCode('theo') // false
 * ```
 */
export function isAmbiguousCode(code: string): boolean {
  const c = code.toLowerCase()
  return /[01]/.test(c) || (/[oli]/.test(c) && /[0-9]/.test(c))
}

/**
 * The "skeleton" of a code: what is left once misreadable characters are folded together.
 * Two codes with the same skeleton (`le0` / `leo`) will be typed for each other.
 * @example
 * ```ts
 * codeSkeleton('Le0') === codeSkeleton('leo') // true
 * ```
 */
export function codeSkeleton(code: string): string {
  return code.toLowerCase().replace(/[0o]/g, 'o').replace(/[1li]/g, 'l').replace(/[-_]/g, '')
}
