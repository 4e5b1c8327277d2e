// `npm start`: the desktop app. Electron fetches its binary the first time it is needed;
// where it cannot (no network to its download host), say so plainly and offer the web host.
import { spawnSync } from 'node:child_process'

const probe = spawnSync(process.execPath, ['-e', "require('electron')"], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
})
if (probe.status !== 0) {
  console.error(
    'The Electron binary could not be downloaded on this machine, so the desktop app cannot start here; run `npm run web` to use Innbox in your browser instead.',
  )
  process.exit(1)
}
const run = spawnSync('npx', ['electron-vite', 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
process.exit(run.status ?? 1)
