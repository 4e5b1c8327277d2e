import { describe, expect, it } from 'vitest'
import { accountDraftSchema, baseUrlSchema } from '../../../../shared/bridge/account-schemas'

describe('base URL', () => {
  it.each([
    ['https://supply-xml.booking.com', 'https://supply-xml.booking.com'],
    ['https://platform.example/api/', 'https://platform.example/api'],
    ['  https://Platform.Example:8443  ', 'https://platform.example:8443'],
    ['http://127.0.0.1:41234', 'http://127.0.0.1:41234'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ])('accepts %j as %j', (input, expected) => {
    expect(baseUrlSchema.parse(input)).toBe(expected)
  })

  it.each([
    ['plain http to another machine', 'http://platform.example'],
    ['plain http to a LAN address', 'http://192.168.1.10:8080'],
    ['a look-alike of loopback', 'http://127.0.0.1.evil.example'],
    ['credentials in the URL', 'https://user:pass@platform.example'],
    ['a query', 'https://platform.example/?token=abc'],
    ['a fragment', 'https://platform.example/#x'],
    ['another scheme', 'ftp://platform.example'],
    ['a file URL', 'file:///etc/passwd'],
    ['not a URL', 'platform dot example'],
    ['nothing', ''],
  ])('refuses %s', (_name, input) => {
    expect(baseUrlSchema.safeParse(input).success).toBe(false)
  })
})

describe('account draft', () => {
  const draft = {
    label: 'Casa',
    baseUrl: 'https://platform.example',
    clientId: 'desk-1',
    clientSecret: ' keeps spaces ',
  }

  it('keeps the secret verbatim and defaults to the queue', () => {
    expect(accountDraftSchema.parse(draft)).toMatchObject({
      clientSecret: ' keeps spaces ',
      syncMode: 'queue',
    })
  })

  it.each([
    ['an unknown field', { ...draft, isAdmin: true }],
    ['a client id with spaces', { ...draft, clientId: 'desk 1' }],
    ['an empty secret', { ...draft, clientSecret: '' }],
    ['a blank label', { ...draft, label: '   ' }],
    ['an unknown sync mode', { ...draft, syncMode: 'push' }],
  ])('refuses %s', (_name, input) => {
    expect(accountDraftSchema.safeParse(input).success).toBe(false)
  })
})
