import { readFileSync } from 'node:fs'
import Link from 'next/link'
import type { GuardSnippetOptions } from 'firstparty'
import { guardScriptProps } from 'firstparty/react'

export const metadata = { title: 'Acme CLI — ship faster' }

// The same policy file as the CSP in next.config.ts and `firstparty audit`.
const policy = JSON.parse(readFileSync('firstparty.config.json', 'utf8')) as GuardSnippetOptions

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        {/* First in <head>: it must run before any other script can add a tracker. Loaded from this
            origin rather than inlined: an inline script would be repeated in the RSC payload. */}
        <script {...guardScriptProps({ ...policy, src: '/firstparty/guard.js' })} />
      </head>
      <body>
        <nav><Link href="/">Home</Link> <Link href="/pricing">Pricing</Link></nav>
        {children}
      </body>
    </html>
  )
}
