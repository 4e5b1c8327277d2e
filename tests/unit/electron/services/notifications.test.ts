import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { dispatch } from '../../../../electron/services/bridge-dispatch'
import { createDesk } from '../../../../electron/services/desk'
import { EventHub } from '../../../../electron/services/event-hub'
import {
  createNotificationHandlers,
  noDesktopNotifier,
} from '../../../../electron/services/notifications'
import type { DesktopNotifier } from '../../../../electron/services/notifications'
import { stubHandlers } from '../../../support/handler-stubs'

const valid = { title: 'Ana Sousa', body: 'Can we check in early?', conversationId: 'c-1' }

function recordingNotifier() {
  const shown: { notification: unknown; click: () => void }[] = []
  const notifier: DesktopNotifier = {
    isSupported: () => true,
    show: (notification, click) => void shown.push({ notification, click }),
  }
  return { notifier, shown }
}

function setup(notifier: DesktopNotifier) {
  const events = new EventHub()
  const handlers = stubHandlers(createNotificationHandlers(notifier, events))
  return { events, show: (args: unknown) => dispatch(handlers, 'notifications:show', args) }
}

describe('notifications:show', () => {
  it('shows a valid notification and answers null', async () => {
    const { notifier, shown } = recordingNotifier()
    expect(await setup(notifier).show([valid])).toEqual({ ok: true, value: null })
    expect(shown.map((s) => s.notification)).toEqual([valid])
  })

  it('tells every UI which conversation a click asked for', async () => {
    const { notifier, shown } = recordingNotifier()
    const { events, show } = setup(notifier)
    const heard = vi.fn()
    events.subscribe(heard)
    await show([valid])
    expect(heard).not.toHaveBeenCalled()
    shown[0]!.click()
    expect(heard).toHaveBeenCalledWith('notifications:clicked', { conversationId: 'c-1' })
  })

  it.each([
    ['no title', [{ ...valid, title: '' }]],
    ['a title longer than a name', [{ ...valid, title: 'x'.repeat(121) }]],
    ['a body longer than a preview', [{ ...valid, body: 'x'.repeat(241) }]],
    ['no conversation', [{ title: 'Ana', body: 'Hi' }]],
    ['an extra field (more than name and preview)', [{ ...valid, email: 'ana@example.com' }]],
    ['an icon or action the page chose', [{ ...valid, icon: 'file:///etc/passwd' }]],
    ['no argument', []],
  ])('refuses %s before anything is shown', async (_name, args) => {
    const { notifier, shown } = recordingNotifier()
    const result = await setup(notifier).show(args)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
    expect(shown).toEqual([])
  })

  it('answers unavailable where the host has no notifications', async () => {
    const result = await setup(noDesktopNotifier).show([valid])
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })

  it('answers unavailable when the operating system has none', async () => {
    const show = vi.fn()
    const result = await setup({ isSupported: () => false, show }).show([valid])
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(show).not.toHaveBeenCalled()
  })

  it('is unavailable on the web host, whose Node side has nothing to show one with', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-notify-'))
    try {
      const desk = await createDesk({ userDataDir: dir, host: 'web', version: '1', osLocale: 'en' })
      const result = await dispatch(desk.handlers, 'notifications:show', [valid])
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('the muted-properties setting', () => {
  const settingsHandlers = stubHandlers({
    'settings:update': async () => ({ values: { language: null }, recovery: null }),
  })
  const update = (args: unknown) => dispatch(settingsHandlers, 'settings:update', args)

  it('accepts a list of property ids', async () => {
    expect(await update([{ mutedNotificationProperties: ['p-1', 'p-2'] }])).toMatchObject({
      ok: true,
    })
    expect(await update([{ mutedNotificationProperties: [] }])).toMatchObject({ ok: true })
  })

  it.each([
    ['a list that is not of ids', [{ mutedNotificationProperties: [''] }]],
    ['something other than a list', [{ mutedNotificationProperties: 'p-1' }]],
  ])('refuses %s', async (_name, args) => {
    expect(await update(args)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
  })
})
