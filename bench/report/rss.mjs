// Preloaded into a measured process: print its peak resident set size on exit (KB, from getrusage).
import { writeSync } from 'node:fs'
process.on('exit', () => writeSync(2, `\nfp-bench-maxrss ${process.resourceUsage().maxRSS}\n`))
