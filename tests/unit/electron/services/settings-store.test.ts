import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SettingsStore } from '../../../../electron/services/settings-store'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'innbox-settings-'))
  file = path.join(dir, 'settings.json')
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('SettingsStore', () => {
  it('starts from defaults when no file exists', async () => {
    expect(await new SettingsStore(file).snapshot()).toEqual({
      values: { language: null },
      recovery: null,
    })
  })

  it('keeps an update across a restart, in a file only the user can read', async () => {
    await new SettingsStore(file).update({ language: 'ar' })
    expect((await new SettingsStore(file).snapshot()).values.language).toBe('ar')
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0)
  })

  it('leaves no temporary files behind', async () => {
    await new SettingsStore(file).update({ language: 'th' })
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('moves a file that is not JSON aside, reports it and uses defaults', async () => {
    await writeFile(file, '{"language": "fr"', 'utf8')
    const snapshot = await new SettingsStore(file).snapshot()
    expect(snapshot.values).toEqual({ language: null })
    expect(snapshot.recovery?.reason).toBe('unreadable_json')
    expect(await readFile(snapshot.recovery!.backupFile, 'utf8')).toBe('{"language": "fr"')
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ language: null })
  })

  it('treats impossible values as damage too', async () => {
    await writeFile(file, JSON.stringify({ language: 'klingon' }), 'utf8')
    const snapshot = await new SettingsStore(file).snapshot()
    expect(snapshot.recovery?.reason).toBe('invalid_values')
    expect(snapshot.values.language).toBeNull()
  })

  it('drops settings it no longer knows but keeps the ones it knows', async () => {
    await writeFile(file, JSON.stringify({ language: 'pl', retired: true }), 'utf8')
    expect(await new SettingsStore(file).snapshot()).toEqual({
      values: { language: 'pl' },
      recovery: null,
    })
  })

  it('lands quick successive updates in order', async () => {
    const store = new SettingsStore(file)
    await Promise.all([
      store.update({ language: 'de' }),
      store.update({ language: 'nl' }),
      store.update({ language: 'ru' }),
    ])
    expect(JSON.parse(await readFile(file, 'utf8')).language).toBe('ru')
  })

  it('keeps every change of quick successive updates to different settings', async () => {
    const store = new SettingsStore(file)
    const answers = await Promise.all([
      store.update({ language: 'de' }),
      store.update({ staffLanguage: 'fr' }),
      store.update({ mutedNotificationProperties: ['p1'] }),
    ])
    const saved = JSON.parse(await readFile(file, 'utf8'))
    expect(saved).toMatchObject({
      language: 'de',
      staffLanguage: 'fr',
      mutedNotificationProperties: ['p1'],
    })
    expect(answers.at(-1)!.values).toMatchObject(saved)
  })

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'reports a folder it cannot write to as storage_failed',
    async () => {
      const store = new SettingsStore(file)
      await store.snapshot()
      await chmod(dir, 0o500)
      await expect(store.update({ language: 'es' })).rejects.toMatchObject({
        code: 'storage_failed',
      })
      await chmod(dir, 0o700)
    },
  )

  it('reports a settings path it cannot write as storage_failed', async () => {
    // A directory where the file should be: fails for root too, unlike permissions.
    const blocked = path.join(dir, 'blocked')
    const store = new SettingsStore(path.join(blocked, 'settings.json'))
    await writeFile(blocked, 'not a folder')
    await expect(store.update({ language: 'es' })).rejects.toMatchObject({ code: 'storage_failed' })
  })
})
