/** The live `/_events` page of the dev server: a table fed by server-sent events. */
export const EVENTS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>firstparty · events</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.2rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #eee;vertical-align:top}
code{font-size:12px;white-space:pre-wrap;word-break:break-all}th{font-weight:600}.n{color:#666}
</style></head><body>
<h1>Events received by the local sink <span class="n" id="count"></span></h1>
<p class="n">Newest first. Stored as NDJSON; the same list is at <a href="/_events.json">/_events.json</a>.</p>
<table><thead><tr><th>time</th><th>event</th><th>page</th><th>properties</th></tr></thead><tbody id="rows"></tbody></table>
<script>
const rows = document.getElementById('rows'), count = document.getElementById('count'); let n = 0
function add(e) {
  const tr = document.createElement('tr'), p = e.properties || {}, own = {}
  for (const k in p) if (k[0] !== '$' && k !== 'token' && p[k] !== null) own[k] = p[k]
  for (const text of [e.receivedAt.slice(11, 19), e.event, p.$current_url || '', JSON.stringify(own)]) {
    const td = document.createElement('td'); const c = document.createElement('code'); c.textContent = text; td.append(c); tr.append(td)
  }
  rows.prepend(tr); count.textContent = '(' + (++n) + ')'
}
// The stream replays what was stored before this page opened, then sends each new event.
new EventSource('/_events/stream').onmessage = m => add(JSON.parse(m.data))
</script></body></html>
`
