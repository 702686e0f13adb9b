/**
 * The minified `dist/guard.global.js`. Empty when running from source: the library build replaces this
 * module with the built file's text (see `guardSourcePlugin` in src/build/guard.ts).
 */
export const GUARD_SOURCE: string = ''
