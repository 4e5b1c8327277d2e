import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { contentSecurityPolicy } from '../../../../shared/security/csp'

vi.mock('electron', () => ({ protocol: {} }))
const { resolveRendererFile, respondWithRendererFile } =
  await import('../../../../electron/main/app-protocol')

let outside: string
let rendererDir: string
beforeAll(async () => {
  outside = await mkdtemp(path.join(os.tmpdir(), 'innbox-protocol-'))
  rendererDir = path.join(outside, 'renderer')
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true })
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Innbox</title>')
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(path.join(outside, 'secret.txt'), 'guest data')
})
afterAll(() => rm(outside, { recursive: true, force: true }))

describe('app:// protocol', () => {
  it('serves the renderer with its type and the Content-Security-Policy', async () => {
    const response = await respondWithRendererFile(rendererDir, 'app://innbox/assets/app.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(await response.text()).toBe('console.log(1)')
  })

  it.each([
    'app://innbox/../secret.txt',
    'app://innbox/%2e%2e/secret.txt',
    'app://innbox/assets/..%2f..%2fsecret.txt',
    'app://innbox/%00index.html',
    'app://innbox/%E0%A4%A',
    'app://other/index.html',
    'app://innbox/missing.js',
    'app://innbox/assets',
  ])('answers %s with 404 and nothing from outside', async (url) => {
    const response = await respondWithRendererFile(rendererDir, url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('guest data')
  })

  it('never resolves a path outside the renderer folder', () => {
    expect(resolveRendererFile(rendererDir, '/../../etc/passwd')).toBe(
      path.join(rendererDir, 'etc/passwd'),
    )
    expect(resolveRendererFile(rendererDir, '/')).toBeNull()
  })
})
