// The proxy under test in its own process (so its memory is measured alone): toNodeListener + createHandler.
// Usage: node proxy-server.js <upstream origin>; prints its URL.
import { createServer } from 'node:http'
import { createHandler, toNodeListener } from '../../dist/server.js'

const server = createServer(toNodeListener(createHandler({ mode: 'proxy', upstream: process.argv[2], log: () => {} })))
server.keepAliveTimeout = 30_000
server.listen(0, '127.0.0.1', () => console.log(`firstparty proxy: http://127.0.0.1:${server.address().port}`))
