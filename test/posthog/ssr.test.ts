// @vitest-environment node
import { describe, expect, it } from 'vitest'

describe('on the server', () => {
  it('importing and calling init does nothing and throws nothing', async () => {
    const { init } = await import('../../src/index.js')
    const client = init({ token: 'phc_x' })
    expect(client.disabled).toBe('server')
    expect(() => client.track('cta_clicked', { cta: 'x' })).not.toThrow()
    expect(await client.ready).toBeUndefined()
  })
})
