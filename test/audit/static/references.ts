/** Character references as pages write them, legal and not: named, legacy without `;`, numeric, out of range, bare `&`. */
export const REFERENCES = [
  '&amp;',
  '&amp',
  '&lt;',
  '&quot;',
  '&#46;',
  '&#x2e;',
  '&#X2F;',
  '&#0;',
  '&#x110000;',
  '&copy',
  '&copy=',
  '&notin;',
  '&noti',
  '&',
  '&#',
  '&;',
]
