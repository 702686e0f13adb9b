// The floor for the report bench: read the same file in the same chunks and JSON.parse every line, nothing else.
import { createReadStream } from 'node:fs'
let carry = ''
let events = 0
for await (const chunk of createReadStream(process.argv[2], { encoding: 'latin1', highWaterMark: 1 << 22 })) {
  const lines = (carry + chunk).split('\n')
  carry = lines.pop()
  for (const line of lines) if (line !== '') JSON.parse(line) && events++
}
if (carry) JSON.parse(carry) && events++
console.error(`baseline: ${events} events`)
