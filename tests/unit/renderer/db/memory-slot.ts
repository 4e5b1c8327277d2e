import type { SnapshotPolicy, SnapshotSlot } from '@/db/snapshots'

/** A snapshot slot in memory, cloning as the snapshot database would; counts its saves. */
export function memorySlot<T>(): SnapshotSlot<T> & { saved: T | null; saves: number } {
  const slot = {
    saved: null as T | null,
    saves: 0,
    load: async () => (slot.saved ? structuredClone(slot.saved) : null),
    save: async (value: T) => {
      slot.saved = structuredClone(value)
      slot.saves += 1
      return true
    },
    close: () => {},
  }
  return slot
}

/** A policy over a memory slot that saves as soon as something changed, then after `everyMs`. */
export function memoryPolicy<T>(
  slot: SnapshotSlot<T> = memorySlot<T>(),
  everyMs = 60_000,
): SnapshotPolicy<T> {
  return { slot, firstMs: 0, everyMs }
}
