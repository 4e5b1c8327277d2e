import { vi } from 'vitest'

// `vi.waitFor` gives up after 1 s by default. It returns as soon as its condition holds, so a
// longer limit costs nothing on a quiet machine and keeps a busy CI machine (2 cores, Chromium
// and IndexedDB work in the same run) from failing tests that are merely slow, not wrong.
const waitFor = vi.waitFor.bind(vi)
vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { timeout: 10_000, interval: 20, ...options },
  )) as typeof vi.waitFor
