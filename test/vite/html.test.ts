import { describe, expect, it } from 'vitest'
import { insertFirstInHead } from '../../src/vite/html.js'

const TAG = '<script>guard()</script>'

describe('insertFirstInHead', () => {
  it('goes right after <meta charset>, before everything else in <head>', () => {
    const html = '<!doctype html><html><head>\n  <meta charset="utf-8">\n  <title>x</title><script src="/a.js"></script></head>'
    expect(insertFirstInHead(html, TAG)).toBe('<!doctype html><html><head>\n  <meta charset="utf-8">' + TAG + '\n  <title>x</title><script src="/a.js"></script></head>')
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

  it('does not mistake <header> for <head>', () => {
    const html = '<!doctype html><body><header>hi</header>'
    expect(insertFirstInHead(html, TAG)).toBe(`<!doctype html>${TAG}<body><header>hi</header>`)
  })
})
