'use client'
import { analytics } from './analytics'

export function CtaButton({ cta }: { cta: string }) {
  return (
    <button id="cta" onClick={() => analytics.track('cta_clicked', { cta, page: location.pathname })}>
      Start free
    </button>
  )
}
