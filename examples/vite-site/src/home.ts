import './style.css'
import { analytics } from './analytics.js'

document.querySelector<HTMLButtonElement>('#cta')?.addEventListener('click', (e) => {
  analytics.track('cta_clicked', { cta: (e.currentTarget as HTMLElement).dataset['cta'] ?? 'hero', page: location.pathname })
})
