import type { AppInfo } from '../../shared/bridge/schemas'

/**
 * The OS locale as Node sees it: LC_ALL / LC_MESSAGES / LANG first (how Linux and macOS
 * terminals say it), then the ICU default. Electron passes its own `app.getLocale()`.
 */
export function nodeOsLocale(env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name]
    if (value && value !== 'C' && value !== 'POSIX') return value.split('.')[0]!.replace('_', '-')
  }
  return Intl.DateTimeFormat().resolvedOptions().locale
}

export function describeApp(options: {
  version: string
  host: AppInfo['host']
  osLocale: string
  platform?: string
}): AppInfo {
  return {
    name: 'Innbox',
    version: options.version,
    platform: options.platform ?? process.platform,
    osLocale: options.osLocale,
    host: options.host,
  }
}
