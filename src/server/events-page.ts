/** The live `/_events` page of the dev server: a table fed by server-sent events. */
export const EVENTS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>firstparty · events</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.2rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #eee;vertical-align:top}
code{font-size:12px;white-space:pre-wrap;word-break:break-word}th{font-weight:600}.n{color:#666}
td:nth-child(-n+2){white-space:nowrap}td:nth-child(3){max-width:16rem}.t{color:#777;display:block;margin-top:.2rem}
</style></head><body>
<h1>Events received by the local sink <span class="n" id="count"></span></h1>
<p class="n">Newest first. Stored as NDJSON; the same list is at <a href="/_events.json">/_events.json</a>. Signups by creator: <a href="/_report">/_report</a>.</p>
<table><thead><tr><th>time</th><th>event</th><th>page</th><th>properties</th></tr></thead><tbody id="rows"></tbody></table>
<script>
const rows = document.getElementById('rows'), count = document.getElementById('count'); let n = 0
function add(e) {
  const tr = document.createElement('tr'), p = e.properties || {}, own = {}, touch = {}
  // The site's own properties first; what posthog-js and attribution add stays out of the way.
  for (const k in p) {
    if (/^(first|last)_touch_/.test(k)) touch[k] = p[k]
    else if (k[0] !== '$' && !['token', 'distinct_id', 'title'].includes(k) && p[k] !== null) own[k] = p[k]
  }
  let page = p.$current_url || ''
  try { const u = new URL(page); page = u.pathname + u.search } catch {}
  for (const text of [e.receivedAt.slice(11, 19), e.event, page, JSON.stringify(own)]) {
    const td = document.createElement('td'); const c = document.createElement('code'); c.textContent = text; td.append(c); tr.append(td)
  }
  if (touch.first_touch_channel) {
    const t = document.createElement('span'); t.className = 't'
    t.textContent = 'first touch: ' + touch.first_touch_channel + (touch.first_touch_ref ? ' (' + touch.first_touch_ref + ')' : '') +
      ' · last touch: ' + touch.last_touch_channel + (touch.last_touch_ref ? ' (' + touch.last_touch_ref + ')' : '')
    tr.lastChild.append(t)
  }
  rows.prepend(tr); count.textContent = '(' + (++n) + ')'
}
// The stream replays what was stored before this page opened, then sends each new event.
new EventSource('/_events/stream').onmessage = m => add(JSON.parse(m.data))
</script></body></html>
`
