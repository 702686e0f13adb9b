import Link from 'next/link'
import { CtaButton } from './cta-button'

export default function Home() {
  return (
    <main>
      <h1>Ship your side project this weekend.</h1>
      <p>The command line that deploys, tests and monitors. Free for open source.</p>
      <CtaButton cta="hero" />
      <p><Link href="/pricing">See pricing</Link></p>
    </main>
  )
}
