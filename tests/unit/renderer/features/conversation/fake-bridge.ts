import { vi } from 'vitest'

// The desk as the conversation stores reach it: photo downloads (sync/attachments.ts), and a
// translation service that is not configured (the translation pane's own tests replace it).
export const attachmentsGet = vi.fn()

const noTranslation = {
  kind: 'none',
  baseUrl: null,
  hasKey: false,
  recipient: null,
  providerId: 'none',
} as const

export const desk = {
  attachments: { get: attachmentsGet },
  translation: {
    status: vi.fn(async () => ({ ok: true, value: noTranslation })),
    translate: vi.fn(async () => ({
      ok: false,
      error: { code: 'unconfigured', message: 'No translation service is configured.' },
    })),
  },
  on: () => () => {},
}
