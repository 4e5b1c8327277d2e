import os from 'node:os'
import path from 'node:path'

/**
 * The folder Electron would use as `userData` for a product named Innbox, so the web host
 * and the desktop app find the same settings when run by the same person.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Innbox')
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Innbox')
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Innbox')
}
