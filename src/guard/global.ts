// dist/guard.global.js: inline it (or load it synchronously) first in <head>. Options come from the
// script element's data attributes, which `guardSnippet()` writes: data-allow="a.com *.b.com" data-mode="strict".
import { installGuard } from './core.js'
import { GUARD_DATA } from './data.js'

const d = (document.currentScript as HTMLScriptElement | null)?.dataset ?? {}
installGuard({ allow: d.allow?.split(/[\s,]+/), mode: d.mode as 'strict' }, GUARD_DATA)
