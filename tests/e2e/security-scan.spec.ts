import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, test } from '@playwright/test'

// Static checks that belong with the built app (they run after `npm run build`, like the rest
// of the e2e suite): Electronegativity over the Electron sources and the built page, and
// `npm audit` over the runtime dependencies. Both live in scripts/security-*.mjs so
// `npm run test:security` runs the same code.

interface Finding {
  issue: string
  severity: string
  confidence: string
  file: string
  location: string
}
interface ScanModule {
  scan(options?: { electronDir?: string; page?: string }): Finding[]
}
interface AuditResult {
  status: 'passed' | 'failed' | 'skipped'
  reason: string
  blocking: string[]
}
interface AuditModule {
  audit(): AuditResult
  evaluateAudit(stdout: string): AuditResult
}

const root = path.resolve(__dirname, '../..')
// The scripts are plain ESM run by node; loaded by URL so the e2e TypeScript project does not
// need declarations for them.
const script = (name: string) => pathToFileURL(path.join(root, 'scripts', name)).href
const loadScan = () => import(script('security-scan.mjs')) as Promise<ScanModule>
const loadAudit = () => import(script('security-audit.mjs')) as Promise<AuditModule>

test.describe.configure({ timeout: 240_000 })

test('Electronegativity finds nothing HIGH in the Electron sources and the built page', async () => {
  const { scan } = await loadScan()
  const findings = scan()
  expect(findings.filter((finding) => finding.severity === 'HIGH')).toEqual([])
  // The built page's CSP was seen (a LOW note on its content, not "no CSP at all").
  expect(findings).not.toContainEqual(
    expect.objectContaining({ issue: 'CSP_GLOBAL_CHECK', file: 'N/A' }),
  )
})

test('Electronegativity would flag a window that dropped context isolation', async () => {
  const { scan } = await loadScan()
  const stage = mkdtempSync(path.join(os.tmpdir(), 'innbox-scan-bad-'))
  try {
    cpSync(path.join(root, 'electron'), stage, { recursive: true })
    const window = path.join(stage, 'main/window.ts')
    const source = readFileSync(window, 'utf8')
    expect(source).toContain('contextIsolation: true')
    writeFileSync(window, source.replace('contextIsolation: true', 'contextIsolation: false'))
    const findings = scan({ electronDir: stage })
    expect(findings).toContainEqual(
      expect.objectContaining({ issue: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }),
    )
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
})

test('npm audit: no high or critical advisory in runtime dependencies', async () => {
  const { audit } = await loadAudit()
  const result = audit()
  // An audit that could not run is reported as skipped, never as passed.
  test.skip(result.status === 'skipped', result.reason)
  expect(result.blocking).toEqual([])
  expect(result.status).toBe('passed')
})

test('the audit check fails on high and critical advisories and skips when it cannot ask', async () => {
  const { evaluateAudit } = await loadAudit()
  const report = (severities: string[]) =>
    JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities: Object.fromEntries(
        severities.map((severity, index) => [`pkg${index}`, { name: `pkg${index}`, severity }]),
      ),
      metadata: { vulnerabilities: { total: severities.length } },
    })
  expect(evaluateAudit(report([])).status).toBe('passed')
  expect(evaluateAudit(report(['low', 'moderate'])).status).toBe('passed')
  expect(evaluateAudit(report(['moderate', 'high']))).toMatchObject({
    status: 'failed',
    blocking: ['pkg1 (high)'],
  })
  expect(evaluateAudit(report(['critical'])).status).toBe('failed')
  const refused = JSON.stringify({ message: '405 Method Not Allowed', statusCode: 405 })
  expect(evaluateAudit(refused)).toMatchObject({ status: 'skipped' })
  expect(evaluateAudit('').status).toBe('skipped')
})
