// Navigation failures → one sentence a marketer can act on.

/** Chromium network error codes and what they mean for the person running the audit. */
const NET_ERRORS: Record<string, string> = {
  ERR_CONNECTION_REFUSED: 'connection refused (is the server running on that port?)',
  ERR_CONNECTION_RESET: 'connection reset by the server',
  ERR_CONNECTION_CLOSED: 'the server closed the connection without answering',
  ERR_EMPTY_RESPONSE: 'the server closed the connection without answering',
  ERR_TOO_MANY_REDIRECTS: 'redirect loop (the page keeps redirecting)',
  ERR_NAME_NOT_RESOLVED: 'host not found (DNS)',
  ERR_ADDRESS_UNREACHABLE: 'address unreachable',
  ERR_INTERNET_DISCONNECTED: 'no network connection',
  ERR_CONNECTION_TIMED_OUT: 'connection timed out',
  ERR_TIMED_OUT: 'timed out',
  ERR_SSL_PROTOCOL_ERROR: 'TLS handshake failed',
  ERR_INVALID_URL: 'invalid URL',
  ERR_ABORTED: 'navigation aborted (a download, or the page navigated away)',
}

/**
 * Explain a `page.goto` failure in one line.
 *
 * @example navigationProblem(new Error('net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/'), 30000) // 'connection refused (…)'
 */
export function navigationProblem(error: Error, timeout: number): string {
  const message = error.message
  if (error.name === 'TimeoutError' || /Timeout \d+ms exceeded/.test(message))
    return `timed out after ${Math.round(timeout / 1000)} s waiting for the page to load`
  const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1]
  if (code) return NET_ERRORS[code] ?? (code.startsWith('ERR_CERT') ? `TLS certificate error (${code})` : `network error ${code}`)
  return message.split('\n')[0] ?? 'navigation failed'
}
