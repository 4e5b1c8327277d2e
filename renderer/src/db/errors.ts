// Typed failures of the local store. The UI maps `code` to a message and an action; the store
// never throws a bare DOMException or Dexie error at its callers.

export type StoreErrorCode =
  /** The browser refused to store more: free space, or evict the attachment cache. */
  | 'quota_exceeded'
  /** The store cannot be opened: made by a newer Innbox, blocked, or IndexedDB unavailable. */
  | 'cannot_open'
  /** Any other failed read or write. */
  | 'storage_failed'

export type CannotOpenCause =
  | 'version_too_new'
  | 'blocked'
  | 'unavailable'
  /** An update of the store's schema was cut off; the store stays as it was before it. */
  | 'upgrade_interrupted'
  | 'failed'

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly detail: { openCause?: CannotOpenCause; errorName?: string } = {},
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

type ErrorLike = { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown }

/** The error names along Dexie's `inner` chain and the standard `cause` chain. */
function namesOf(error: unknown): string[] {
  const names: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth += 1) {
    const like = current as ErrorLike
    if (typeof like.name === 'string') names.push(like.name)
    current = like.inner ?? like.cause
  }
  return names
}

export function isQuotaError(error: unknown): boolean {
  return namesOf(error).some((name) => name === 'QuotaExceededError')
}

/** Any failure of IndexedDB or Dexie as a StoreError. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error
  const names = namesOf(error)
  const message = error instanceof Error ? error.message : String(error)
  const errorName = names[0]
  if (names.includes('QuotaExceededError')) {
    return new StoreError('quota_exceeded', message, { errorName })
  }
  if (names.includes('VersionError')) {
    return new StoreError('cannot_open', message, { openCause: 'version_too_new', errorName })
  }
  if (names.includes('MissingAPIError') || names.includes('InvalidStateError')) {
    return new StoreError('cannot_open', message, { openCause: 'unavailable', errorName })
  }
  if (names.includes('OpenFailedError') || names.includes('DatabaseClosedError')) {
    return new StoreError('cannot_open', message, { openCause: 'failed', errorName })
  }
  return new StoreError('storage_failed', message, { errorName })
}

/** Runs a store operation and rethrows its failure as a StoreError. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    throw toStoreError(error)
  }
}
