// Electronegativity (Doyensec's Electron security scanner) over what decides the app's
// security: the Electron and Node-side sources and the renderer page as built (the CSP is
// written into out/renderer/index.html at build time, so the source template has only a
// placeholder). Fails on any HIGH finding. Needs `npm run build` first.
//
// Usage: node scripts/security-scan.mjs [--json]
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const say = (line) => process.stdout.write(`${line}\n`)
const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const builtPage = path.join(root, 'out/renderer/index.html')

// AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub to compare
// versions; CI has no internet, so it cannot run here. Keeping Electron current is the
// job of the dependency updates, not of this offline scan. Nothing else is excluded.
const excluded = ['AvailableSecurityFixesGlobalCheck']

/** Parses electronegativity's CSV: a header line, then one quoted row per finding. */
export function parseFindings(csv) {
  const rows = []
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue
    const cells = []
    let cell = ''
    let quoted = false
    for (let i = 0; i < line.length; i += 1) {
      const char = line[i]
      if (quoted) {
        if (char === '"' && line[i + 1] === '"') {
          cell += '"'
          i += 1
        } else if (char === '"') quoted = false
        else cell += char
      } else if (char === '"') quoted = true
      else if (char === ',') {
        cells.push(cell)
        cell = ''
      } else cell += char
    }
    cells.push(cell)
    const [issue, severity, confidence, file, location] = cells.map((value) => value.trim())
    rows.push({ issue, severity, confidence, file, location })
  }
  return rows
}

/** Scans the given sources and page (by default the project's, as built). */
export function scan({ electronDir = path.join(root, 'electron'), page = builtPage } = {}) {
  if (!existsSync(page)) {
    throw new Error(`${page} is missing: run \`npm run build\` first.`)
  }
  const stage = mkdtempSync(path.join(os.tmpdir(), 'innbox-scan-'))
  try {
    // One scan over both, so global checks (navigation limits, permission handler, CSP)
    // see the main process and the page together, as in the packaged app.
    cpSync(electronDir, path.join(stage, 'electron'), { recursive: true })
    cpSync(page, path.join(stage, 'renderer/index.html'))
    const output = path.join(stage, 'findings.csv')
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('@doyensec/electronegativity/dist/index.js'),
        ...['-i', stage, '-e', electronVersion, '-x', excluded.join(','), '-r'],
        ...['-v', 'false', '-o', output],
      ],
      { cwd: root, encoding: 'utf8', timeout: 300_000 },
    )
    if (run.status !== 0 || !existsSync(output)) {
      throw new Error(`electronegativity failed (${run.status}):\n${run.stdout}\n${run.stderr}`)
    }
    return parseFindings(readFileSync(output, 'utf8'))
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const findings = scan()
  const high = findings.filter((finding) => finding.severity === 'HIGH')
  if (process.argv.includes('--json')) say(JSON.stringify(findings))
  else {
    for (const f of findings) say(`${f.severity}\t${f.issue}\t${f.file}:${f.location}`)
    say(`Electronegativity: ${findings.length} findings, ${high.length} HIGH.`)
  }
  process.exit(high.length > 0 ? 1 : 0)
}
