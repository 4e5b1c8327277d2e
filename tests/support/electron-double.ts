import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

/**
 * A test double for the parts of `electron` the main process uses. It records what the
 * app asked for so tests can check the security-relevant options and handlers.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null
  sent: [string, unknown][] = []
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }
  /** Fires a cancellable event the way Electron does; answers whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args)
    return prevented
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loadedUrl: string | null = null
  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.created.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show(): void {}
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, handler)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
}

export function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  }
}

export const shell = { openExternal: vi.fn(async () => {}) }

/**
 * `safeStorage`'s async API. "Encryption" is a reversible byte flip marked with a prefix, so a
 * test can tell ciphertext from the secret; `available` and `rotateKey` play the OS's part.
 */
export class FakeSafeStorage {
  available = true
  rotated = false
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a)
    return Buffer.concat([Buffer.from(this.rotated ? 'v2:' : 'v1:'), bytes])
  }
  async decryptStringAsync(
    encrypted: Buffer,
  ): Promise<{ shouldReEncrypt: boolean; result: string }> {
    const prefix = encrypted.subarray(0, 3).toString()
    if (prefix !== 'v1:' && prefix !== 'v2:')
      throw new Error('Error while decrypting the ciphertext')
    const result = Buffer.from(encrypted.subarray(3).map((byte) => byte ^ 0x5a)).toString('utf8')
    return { result, shouldReEncrypt: this.rotated && prefix === 'v1:' }
  }
}
