import type { MenuItemConstructorOptions } from 'electron'
import type { AppRoute } from '../../shared/bridge/schemas'
import type { UiLanguage } from '../../shared/i18n/languages'
import ar from '../../shared/locales/ar/menu.json'
import de from '../../shared/locales/de/menu.json'
import en from '../../shared/locales/en/menu.json'
import es from '../../shared/locales/es/menu.json'
import fr from '../../shared/locales/fr/menu.json'
import nl from '../../shared/locales/nl/menu.json'
import pl from '../../shared/locales/pl/menu.json'
import pt from '../../shared/locales/pt/menu.json'
import ru from '../../shared/locales/ru/menu.json'
import th from '../../shared/locales/th/menu.json'

export type MenuKey = keyof typeof en
const menus: Record<UiLanguage, Record<MenuKey, string>> = {
  en,
  fr,
  es,
  pt,
  ru,
  th,
  de,
  nl,
  pl,
  ar,
}

/** The menu's words in one UI language (the menu lives in main, outside i18next). */
export function menuTranslator(language: UiLanguage): (key: MenuKey) => string {
  return (key) => menus[language][key]
}

/**
 * The application menu. Every label is ours and translated, including those of standard
 * roles, because Electron leaves role labels in English on Windows.
 */
export function buildMenuTemplate(
  t: (key: MenuKey) => string,
  platform: NodeJS.Platform,
  navigate: (route: AppRoute) => void,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin'
  const settings: MenuItemConstructorOptions = {
    label: t('settings'),
    accelerator: 'CmdOrCtrl+,',
    click: () => navigate('settings'),
  }
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'Innbox',
          submenu: [
            { role: 'about', label: t('about') },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'hide', label: t('hide') },
            { role: 'hideOthers', label: t('hideOthers') },
            { role: 'unhide', label: t('showAll') },
            { type: 'separator' },
            { role: 'quit', label: t('quit') },
          ],
        },
      ]
    : []
  return [
    ...appMenu,
    {
      label: t('file'),
      submenu: [
        { label: t('inbox'), accelerator: 'CmdOrCtrl+1', click: () => navigate('inbox') },
        ...(isMac ? [] : [settings]),
        { type: 'separator' },
        isMac ? { role: 'close', label: t('closeWindow') } : { role: 'quit', label: t('quit') },
      ],
    },
    {
      label: t('edit'),
      submenu: [
        { role: 'undo', label: t('undo') },
        { role: 'redo', label: t('redo') },
        { type: 'separator' },
        { role: 'cut', label: t('cut') },
        { role: 'copy', label: t('copy') },
        { role: 'paste', label: t('paste') },
        { role: 'selectAll', label: t('selectAll') },
      ],
    },
    {
      label: t('view'),
      submenu: [
        { role: 'resetZoom', label: t('actualSize') },
        { role: 'zoomIn', label: t('zoomIn') },
        { role: 'zoomOut', label: t('zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('toggleFullScreen') },
      ],
    },
    {
      label: t('window'),
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: t('minimize') },
        { role: 'close', label: t('closeWindow') },
      ],
    },
  ]
}
