import './style.css'
import { analytics } from './analytics.js'

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-plan]')) {
  button.addEventListener('click', () => {
    const plan = button.dataset['plan']
    if (plan === 'hobby' || plan === 'pro' || plan === 'team') analytics.track('plan_selected', { plan, billing: 'yearly' })
  })
}
