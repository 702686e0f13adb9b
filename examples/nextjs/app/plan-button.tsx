'use client'
import { analytics } from './analytics'

type Plan = 'hobby' | 'pro' | 'team'

export function PlanButton({ plan, children }: { plan: Plan; children: React.ReactNode }) {
  // Typed: a misspelt event name or a plan outside the union fails `next build`.
  return <button data-plan={plan} onClick={() => analytics.track('plan_selected', { plan, billing: 'yearly' })}>{children}</button>
}
