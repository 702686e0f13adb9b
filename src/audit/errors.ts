// The audit's errors, from the one hierarchy in src/errors.ts (UsageError: exit 2, one line, no stack).
export { FirstpartyError, InputError, UsageError } from '../errors.js'
