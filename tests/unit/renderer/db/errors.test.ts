import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { isQuotaError, StoreError, toStoreError } from '@/db'

describe('store errors', () => {
  it('finds a refusal for quota however it is wrapped', () => {
    const refusal = new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    // Dexie aborts the transaction and keeps the browser's error as `inner`.
    const aborted = new Dexie.AbortError('Transaction aborted', refusal)
    for (const error of [refusal, aborted, new Error('wrapped', { cause: aborted })]) {
      expect(isQuotaError(error)).toBe(true)
      expect(toStoreError(error)).toMatchObject({ code: 'quota_exceeded' })
    }
    expect(isQuotaError(new DOMException('gone', 'NotFoundError'))).toBe(false)
  })

  it('types failures to open, keeps a StoreError as it is, and calls the rest storage_failed', () => {
    expect(toStoreError(new DOMException('newer', 'VersionError'))).toMatchObject({
      code: 'cannot_open',
      detail: { openCause: 'version_too_new' },
    })
    expect(toStoreError(new Dexie.MissingAPIError('no IndexedDB'))).toMatchObject({
      code: 'cannot_open',
      detail: { openCause: 'unavailable' },
    })
    const own = new StoreError('cannot_open', 'blocked', { openCause: 'blocked' })
    expect(toStoreError(own)).toBe(own)
    expect(toStoreError(new DOMException('bad key', 'DataError'))).toMatchObject({
      code: 'storage_failed',
      detail: { errorName: 'DataError' },
    })
  })
})
