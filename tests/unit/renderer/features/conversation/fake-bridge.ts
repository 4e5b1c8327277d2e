import { vi } from 'vitest'

// The desk as the conversation stores reach it: only photo downloads (sync/attachments.ts).
export const attachmentsGet = vi.fn()

export const desk = {
  attachments: { get: attachmentsGet },
  on: () => () => {},
}
