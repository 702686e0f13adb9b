import { guardScriptRoute } from 'firstparty/react'

// The guard's code at /firstparty/guard.js, built once at `next build` (the layout points at it).
export const GET = guardScriptRoute()
export const dynamic = 'force-static'
