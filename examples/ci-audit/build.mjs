// The "site build" of this example: copy src/ to dist/. In your project this is `next build`,
// `vite build`, `hugo`, … — the audit only needs the output folder.
import { cpSync, rmSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })
cpSync('src', 'dist', { recursive: true })
console.log('built dist/')
