import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

vi.mock('electron', () => ({}))
const { buildMenuTemplate, menuTranslator } = await import('../../../../electron/main/menu')

const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ])

describe('application menu', () => {
  it('is translated, including the standard roles', () => {
    const german = labels(buildMenuTemplate(menuTranslator('de'), 'win32', () => {}))
    const english = labels(buildMenuTemplate(menuTranslator('en'), 'win32', () => {}))
    expect(english).toContain('Edit')
    expect(german).not.toContain('Edit')
    expect(german.filter((label) => english.includes(label))).toEqual([])
  })

  it('opens settings from the menu on every platform', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const navigate = vi.fn()
      const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
        items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])])
      const item = all(buildMenuTemplate(menuTranslator('en'), platform, navigate)).find(
        (i) => i.accelerator === 'CmdOrCtrl+,',
      )
      ;(item!.click as () => void)()
      expect(navigate).toHaveBeenCalledWith('settings')
    }
  })

  it('puts the app menu first on macOS only', () => {
    expect(buildMenuTemplate(menuTranslator('en'), 'darwin', () => {})[0]!.label).toBe('Innbox')
    expect(buildMenuTemplate(menuTranslator('en'), 'win32', () => {})[0]!.label).toBe('File')
  })
})
