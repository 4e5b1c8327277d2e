import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow } from '../../../support/electron-double'

vi.mock('electron', async () => {
  const double = await import('../../../support/electron-double')
  return { BrowserWindow: double.FakeBrowserWindow, shell: double.shell }
})

const { ElectronNotifier, escapeNotificationMarkup } =
  await import('../../../../electron/main/notifications')
const { createNotificationHandlers } = await import('../../../../electron/services/notifications')
const { EventHub } = await import('../../../../electron/services/event-hub')
const { dispatch } = await import('../../../../electron/services/bridge-dispatch')
const { stubHandlers } = await import('../../../support/handler-stubs')

/** Electron's main-process `Notification`, as far as the notifier uses it. */
class FakeNotification extends EventEmitter {
  static supported = true
  static created: FakeNotification[] = []
  static isSupported(): boolean {
    return FakeNotification.supported
  }
  shown = false
  closed = false
  constructor(readonly options: { title?: string; body?: string; silent?: boolean }) {
    super()
    FakeNotification.created.push(this)
  }
  show(): void {
    this.shown = true
  }
  close(): void {
    this.closed = true
    this.emit('close')
  }
}

/** The main window as index.ts's showMainWindow treats it: restored if minimised, focused. */
class FocusableWindow extends FakeBrowserWindow {
  minimized = true
  focused = false
  restore(): void {
    this.minimized = false
  }
  focus(): void {
    this.focused = true
  }
}

const note = { title: 'Ana Sousa', body: 'Can we check in early?', conversationId: 'c-7' }

beforeEach(() => {
  FakeNotification.created = []
  FakeNotification.supported = true
  FakeBrowserWindow.created = []
})

describe('ElectronNotifier', () => {
  it('shows a notification with only the name and the preview', () => {
    const notifier = new ElectronNotifier(FakeNotification, () => {}, 'darwin')
    notifier.show(note, () => {})
    const [shown] = FakeNotification.created
    expect(shown!.shown).toBe(true)
    expect(shown!.options).toEqual({
      title: 'Ana Sousa',
      body: 'Can we check in early?',
      silent: false,
    })
  })

  it('brings the window to the front before the conversation opens, on click', async () => {
    const window = new FocusableWindow({})
    const order: string[] = []
    const focus = () => {
      window.restore()
      window.focus()
      order.push('focus')
    }
    const events = new EventHub()
    events.subscribe((event, payload) => {
      order.push(event)
      window.webContents.send(event, payload)
    })
    const handlers = stubHandlers(
      createNotificationHandlers(new ElectronNotifier(FakeNotification, focus, 'win32'), events),
    )
    expect(await dispatch(handlers, 'notifications:show', [note])).toEqual({
      ok: true,
      value: null,
    })
    FakeNotification.created[0]!.emit('click')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(true)
    expect(order).toEqual(['focus', 'notifications:clicked'])
    expect(window.webContents.sent).toEqual([['notifications:clicked', { conversationId: 'c-7' }]])
  })

  it('escapes markup on Linux, where notification servers would render it', () => {
    const notifier = new ElectronNotifier(FakeNotification, () => {}, 'linux')
    notifier.show(
      {
        title: '<b>Ana</b>',
        body: 'Pay <a href="https://evil.example">here</a> & now',
        conversationId: 'c',
      },
      () => {},
    )
    expect(FakeNotification.created[0]!.options).toMatchObject({
      title: '&lt;b&gt;Ana&lt;/b&gt;',
      body: 'Pay &lt;a href=&quot;https://evil.example&quot;&gt;here&lt;/a&gt; &amp; now',
    })
  })

  it('leaves text as it is on macOS and Windows', () => {
    new ElectronNotifier(FakeNotification, () => {}, 'win32').show(
      { ...note, body: '<3 & thanks' },
      () => {},
    )
    expect(FakeNotification.created[0]!.options.body).toBe('<3 & thanks')
  })

  it('keeps a bounded number of notifications alive, closing the oldest', () => {
    const notifier = new ElectronNotifier(FakeNotification, () => {}, 'darwin')
    for (let i = 0; i < 51; i++) notifier.show({ ...note, conversationId: `c-${i}` }, () => {})
    expect(FakeNotification.created[0]!.closed).toBe(true)
    expect(FakeNotification.created.slice(1).every((n) => !n.closed)).toBe(true)
  })

  it('reports whether the operating system supports notifications', () => {
    const notifier = new ElectronNotifier(FakeNotification, () => {}, 'linux')
    expect(notifier.isSupported()).toBe(true)
    FakeNotification.supported = false
    expect(notifier.isSupported()).toBe(false)
  })
})

describe('escapeNotificationMarkup', () => {
  it('turns every markup character into an entity', () => {
    expect(escapeNotificationMarkup(`<i>"it's" & more</i>`)).toBe(
      '&lt;i&gt;&quot;it&#39;s&quot; &amp; more&lt;/i&gt;',
    )
  })
})
