// Clicking "accept" on a consent banner: trackers that load only after consent still count.
import type { Frame, Page } from 'playwright-core'

/** Accept buttons of widespread consent managers (ids and attributes they document). */
const KNOWN = [
  '#onetrust-accept-btn-handler',
  '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll',
  '#CybotCookiebotDialogBodyButtonAccept',
  '.cc-allow',
  '.cky-btn-accept',
  '#didomi-notice-agree-button',
  '[data-cookiefirst-action="accept"]',
  '[data-testid="uc-accept-all-button"]',
  '.fc-cta-consent',
  '#axeptio_btn_acceptAll',
  '[data-cc="accept-all"]',
  '[data-role="all"]',
  '#cookie-accept',
  '#accept-cookies',
]

/** Button texts meaning "accept all", in the languages marketing sites use most. */
const ACCEPT_TEXT =
  /^\s*(accept( all)?( cookies)?|allow( all)?( cookies)?|agree|i agree|i accept|ok(ay)?|got it|yes,? i agree|alle akzeptieren|akzeptieren|zustimmen|tout accepter|accepter|aceptar( todo)?|accetta( tutto)?|aceitar|alles accepteren)\s*[.!]?\s*$/i

/**
 * Click the consent banner's accept button in the page or any of its frames.
 *
 * @param selector - a CSS selector to click; when omitted, known consent managers and "Accept all"-style buttons.
 * @returns the selector or text clicked, or undefined when no button was found.
 * @example await acceptConsent(page) // '#onetrust-accept-btn-handler'
 */
export async function acceptConsent(page: Page, selector?: string): Promise<string | undefined> {
  for (const frame of page.frames()) {
    const clicked = await tryFrame(frame, selector).catch(() => undefined)
    if (clicked) return clicked
  }
  return undefined
}

async function tryFrame(frame: Frame, selector?: string): Promise<string | undefined> {
  for (const s of selector ? [selector] : KNOWN) {
    const el = frame.locator(s).first()
    if ((await el.count()) && (await el.isVisible())) {
      await el.click({ timeout: 2000 })
      return s
    }
  }
  if (selector) return undefined
  const buttons = frame.locator('button, a[role="button"], [role="button"], input[type="button"], input[type="submit"]').filter({ hasText: ACCEPT_TEXT })
  const count = Math.min(await buttons.count(), 5)
  for (let i = 0; i < count; i++) {
    const el = buttons.nth(i)
    if (await el.isVisible()) {
      // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator (the visible text is the point), not a DOM node
      const text = (await el.innerText()).trim()
      await el.click({ timeout: 2000 })
      return `"${text}"`
    }
  }
  return undefined
}
