import { readAttribution } from 'firstparty/server'

/**
 * The signup endpoint: the browser's `fp_touch` cookie comes with the request, so the account records
 * who brought it (creator code, channel, campaign) even when browser storage is gone later.
 * readAttribution validates and sanitizes the cookie: it is visitor-controlled input.
 */
export async function POST(request: Request): Promise<Response> {
  const form = await request.formData()
  const email = String(form.get('email') ?? '')
  if (!email.includes('@')) return Response.json({ error: 'email is required' }, { status: 400 })
  const { first, last } = readAttribution(request)
  const account = {
    email,
    signupRef: first?.ref ?? null,
    signupChannel: first?.channel ?? 'direct',
    signupCampaign: first?.utm.utm_campaign ?? null,
    lastChannel: last?.channel ?? null,
  }
  // Store `account` with your user record here (database, CRM…); the example returns it.
  return Response.json({ account }, { status: 201 })
}
