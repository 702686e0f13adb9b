import { describe, expect, it } from 'vitest'
import { insertFirstInHead } from '../../src/vite/html.js'

const TAG = '<script>guard()</script>'

describe('insertFirstInHead', () => {
  it('goes right after <meta charset>, before everything else in <head>', () => {
    const html = '<!doctype html><html><head>\n  <meta charset="utf-8">\n  <title>x</title><script src="/a.js"></script></head>'
    expect(insertFirstInHead(html, TAG)).toBe(
      `<!doctype html><html><head>\n  <meta charset="utf-8">${TAG}\n  <title>x</title><script src="/a.js"></script></head>`,
    )
  })

  it('stays after a CSP <meta>, which only covers what follows it', () => {
    const html = `<head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" content="script-src 'self'"><script src="/v.js"></script>`
    expect(insertFirstInHead(html, TAG)).toBe(
      `<head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" content="script-src 'self'">${TAG}<script src="/v.js"></script>`,
    )
  })

  it('goes before a viewport <meta> and any script when there is no charset', () => {
    const html = '<HTML><HEAD lang="en"><meta name="viewport" content="width=device-width"><script>x</script>'
    expect(insertFirstInHead(html, TAG)).toBe(`<HTML><HEAD lang="en">${TAG}<meta name="viewport" content="width=device-width"><script>x</script>`)
  })

  it('moves <meta charset> up when `vite` (dev) put its client script first, and goes right after it', () => {
    const html =
      '<!doctype html>\n<html lang="en">\n  <head>\n    <script type="module" src="/@vite/client"></script>\n\n    <meta charset="UTF-8" />\n    <title>x</title>\n  </head>'
    const out = insertFirstInHead(html, TAG)
    expect(out).toBe(
      '<!doctype html>\n<html lang="en">\n  <head><meta charset="UTF-8" />' +
        TAG +
        '\n    <script type="module" src="/@vite/client"></script>\n\n    \n    <title>x</title>\n  </head>',
    )
    expect(out.indexOf('<meta charset')).toBeLessThan(1024)
  })

  it('leaves a charset <meta> in the body alone (only <head> counts)', () => {
    const html = '<head><title>x</title></head><body><meta charset="utf-8">'
    expect(insertFirstInHead(html, TAG)).toBe(`<head>${TAG}<title>x</title></head><body><meta charset="utf-8">`)
  })

  it('does not mistake <header> for <head>', () => {
    const html = '<!doctype html><body><header>hi</header>'
    expect(insertFirstInHead(html, TAG)).toBe(`<!doctype html>${TAG}<body><header>hi</header>`)
  })
})
