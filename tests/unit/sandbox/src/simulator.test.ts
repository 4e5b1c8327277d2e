import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSandbox, type TestSandbox } from '../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox({ seed: 'demo', simulateGuestsSeconds: 0.1 })
})
afterAll(() => box.close())

describe('the guest simulator', () => {
  it('adds guest messages to current and coming stays now and then', async () => {
    const before = (await box.api('GET', '/messages/latest')).body.data.messages.length as number
    await box.api('PUT', `/messages?number_of_messages=${Math.min(100, Math.max(1, before))}`)
    const start = Date.now()
    let fresh: { sender: { metadata: { participant_type: string } }; timestamp: string }[] = []
    while (Date.now() - start < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 150))
      const page = (await box.api('GET', '/messages/latest')).body.data.messages as typeof fresh
      fresh = page.filter((m) => Date.parse(m.timestamp) > Date.parse('2025-06-15T10:00:00.000Z'))
      if (fresh.length > 0) break
    }
    expect(fresh.length).toBeGreaterThan(0)
    expect(fresh.every((m) => m.sender.metadata.participant_type === 'guest')).toBe(true)
  })
})
