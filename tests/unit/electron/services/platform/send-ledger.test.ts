import { describe, expect, it } from 'vitest'
import { SendLedger } from '../../../../../electron/services/platform/send-ledger'

// Issue 12: a page that reloads while its send is still on the way reconciles, finds nothing
// yet and sends again with the same key; the host must not send a second time.

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('SendLedger', () => {
  it('lets a repeat with the same key join the send in flight instead of sending again', async () => {
    const ledger = new SendLedger<string>()
    const platform = deferred<string>()
    let sends = 0
    const send = () => {
      sends += 1
      return platform.promise
    }
    const first = ledger.run('record-1', send)
    const repeat = ledger.run('record-1', send)
    platform.resolve('message-1')
    expect(await first).toBe('message-1')
    expect(await repeat).toBe('message-1')
    expect(sends).toBe(1)
  })

  it('answers a repeat after the send finished with the same answer, until the TTL', async () => {
    let now = 1_000
    const ledger = new SendLedger<string>(() => now, 60_000)
    let sends = 0
    const send = async () => `message-${++sends}`
    expect(await ledger.run('record-1', send)).toBe('message-1')
    now += 59_000
    expect(await ledger.run('record-1', send)).toBe('message-1')
    expect(sends).toBe(1)
    now += 2_000
    expect(await ledger.run('record-1', send)).toBe('message-2')
  })

  it('shares a failure with the joined repeat and forgets it, so a later try sends', async () => {
    const ledger = new SendLedger<string>()
    const platform = deferred<string>()
    let sends = 0
    const first = ledger.run('record-1', () => {
      sends += 1
      return platform.promise
    })
    const repeat = ledger.run('record-1', async () => 'never')
    platform.reject(new Error('unknown_outcome'))
    await expect(first).rejects.toThrow('unknown_outcome')
    await expect(repeat).rejects.toThrow('unknown_outcome')
    expect(await ledger.run('record-1', async () => `message-${++sends}`)).toBe('message-2')
  })

  it('sends every call without a key, and keeps different keys apart', async () => {
    const ledger = new SendLedger<string>()
    let sends = 0
    const send = async () => `message-${++sends}`
    await ledger.run(undefined, send)
    await ledger.run(undefined, send)
    await ledger.run('a', send)
    await ledger.run('b', send)
    expect(sends).toBe(4)
  })

  it('keeps at most its limit of finished sends, the newest', async () => {
    const ledger = new SendLedger<string>(Date.now, 60_000, 2)
    let sends = 0
    const send = async () => `message-${++sends}`
    for (const key of ['a', 'b', 'c']) await ledger.run(key, send)
    expect(await ledger.run('c', send)).toBe('message-3')
    expect(await ledger.run('a', send)).toBe('message-4')
  })
})
