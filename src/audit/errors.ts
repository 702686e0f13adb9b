// The audit's input error: same meaning as the CLI's UsageError (exit 2, one line, no stack), and
// re-exported from it so library users need not import CLI code.
export { UsageError } from '../cli/errors.js'
