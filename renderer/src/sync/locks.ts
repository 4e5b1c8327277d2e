// One outbox drain at a time, even with two windows open: the Web Locks API is shared by every
// page of the same origin. Where it is missing (Node tests, old runtimes) a lock held in this
// page stands in; it cannot see other windows, which only Web Locks can.

export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>
}

const held = new Set<string>()

export const pageLocks: LockManagerLike = {
  async request(name, _options, callback) {
    if (held.has(name)) return callback(null)
    held.add(name)
    try {
      return await callback({ name })
    } finally {
      held.delete(name)
    }
  },
}

export function defaultLocks(): LockManagerLike {
  const locks = typeof navigator === 'undefined' ? null : navigator.locks
  return locks ? (locks as unknown as LockManagerLike) : pageLocks
}

/** Runs `work` when the lock is free; answers null at once when someone else holds it. */
export function withLockIfAvailable<T>(
  locks: LockManagerLike,
  name: string,
  work: () => Promise<T>,
): Promise<T | null> {
  return locks.request(name, { ifAvailable: true }, async (lock) => (lock ? work() : null))
}
