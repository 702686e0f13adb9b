import { PlanButton } from '../plan-button'

export const metadata = { title: 'Pricing — Acme CLI' }

export default function Pricing() {
  return (
    <main>
      <h1>Pricing</h1>
      <PlanButton plan="hobby">Hobby — free</PlanButton>
      <PlanButton plan="pro">Pro — $12</PlanButton>
      <PlanButton plan="team">Team — $40</PlanButton>
    </main>
  )
}
