import { describe, expect, it, vi } from 'vitest'
import { fakeSession } from '../../../support/electron-double'

vi.mock('electron', () => ({}))
const { denyAllPermissions, isAllowedExternalUrl } =
  await import('../../../../electron/main/security')

describe('external links', () => {
  it.each([
    ['https://admin.booking.com/hotel/reservations', true],
    ['HTTPS://ADMIN.BOOKING.COM/x', true],
    ['http://admin.booking.com/', false],
    ['https://admin.booking.com.evil.example/', false],
    ['https://user:pass@admin.booking.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://xn--admn-booking-9kb.com/', false],
    ['', false],
  ])('%s may open externally: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed)
  })
})

describe('permissions', () => {
  it('denies every request, check and device the renderer asks for', () => {
    const session = fakeSession()
    denyAllPermissions(session as never)
    const answer = vi.fn()
    session.setPermissionRequestHandler.mock.calls[0]![0]({}, 'media', answer)
    expect(answer).toHaveBeenCalledWith(false)
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]()).toBe(false)
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]()).toBe(false)
  })
})
