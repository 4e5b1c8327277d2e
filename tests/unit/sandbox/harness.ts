import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox'

// A real sandbox on a free port in a temporary folder, with small helpers to call it as a
// desk would (bearer token, Accept-Version) and to drive it through the control API.

export interface Answer {
  status: number
  headers: Headers
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestSandbox {
  sandbox: RunningSandbox
  url: string
  dataDir: string
  /** Calls the Messaging API (path under /messaging) as the default account. */
  api(
    method: string,
    path: string,
    options?: { body?: unknown; version?: string; token?: string },
  ): Promise<Answer>
  control(method: string, path: string, body?: unknown): Promise<Answer>
  token(clientId?: string, clientSecret?: string): Promise<string>
  close(): Promise<void>
}

export const NOW = '2025-06-15T10:00:00.000Z'

export async function startTestSandbox(
  options: Partial<SandboxOptions> = {},
): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'innbox-sandbox-')))
  const sandbox = await startSandbox({
    seed: 'empty',
    control: true,
    redeliveryRate: 0,
    now: NOW,
    ...options,
    dataDir,
  })
  const { url } = sandbox
  let cached: string | null = null
  const token = async (
    clientId = sandbox.account.clientId,
    clientSecret = sandbox.account.clientSecret,
  ) => {
    const answer = await call(url, 'POST', '/token-based-authentication/exchange', {
      client_id: clientId,
      client_secret: clientSecret,
    })
    if (answer.status !== 200)
      throw new Error(`token exchange failed: ${JSON.stringify(answer.body)}`)
    return answer.body.jwt as string
  }
  return {
    sandbox,
    url,
    dataDir,
    async api(method, path, { body, version, token: given } = {}) {
      cached ??= await token()
      const send = () => {
        const headers: Record<string, string> = { Authorization: `Bearer ${given ?? cached}` }
        if (version) headers['Accept-Version'] = version
        return call(url, method, `/messaging${path}`, body, headers)
      }
      const answer = await send()
      // As the desk's client does: an expired token is exchanged again and the call retried once.
      if (answer.status !== 401 || given) return answer
      cached = await token()
      return send()
    },
    control: (method, path, body) => call(url, method, `/sandbox${path}`, body),
    token,
    async close() {
      await sandbox.close()
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Left as text: the test will notice.
  }
  return { status: response.status, headers: response.headers, body: parsed }
}

/** A property with one reservation around the sandbox's `now`; returns their ids. */
export async function createStay(
  box: TestSandbox,
  stay: Partial<{
    property_id: string
    links_disabled: boolean
    approved_links: string[]
    checkin: string
    checkout: string
    booked_at: string
    status: 'confirmed' | 'cancelled'
    cancelled_at: string
    conversation_type: 'reservation' | 'request_to_book'
    time_zone: string
  }> = {},
): Promise<{ propertyId: string; reservationId: string; conversationId: string }> {
  let propertyId = stay.property_id
  if (!propertyId) {
    const property = await box.control('POST', '/properties', {
      name: 'Test House',
      time_zone: stay.time_zone ?? 'Europe/Lisbon',
      links_disabled: stay.links_disabled,
      approved_links: stay.approved_links,
    })
    propertyId = property.body.property_id as string
  }
  const reservation = await box.control('POST', '/reservations', {
    property_id: propertyId,
    guest_name: 'Ana Lima',
    guest_language: 'pt',
    booked_at: stay.booked_at ?? '2025-05-01T09:00:00.000Z',
    checkin: stay.checkin ?? '2025-06-14',
    checkout: stay.checkout ?? '2025-06-18',
    status: stay.status ?? 'confirmed',
    cancelled_at: stay.cancelled_at,
    conversation_type: stay.conversation_type,
  })
  if (reservation.status !== 200) throw new Error(JSON.stringify(reservation.body))
  return {
    propertyId,
    reservationId: reservation.body.reservation_id,
    conversationId: reservation.body.conversation_id,
  }
}

export async function guestWrites(
  box: TestSandbox,
  ids: { propertyId: string; conversationId: string },
  content: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const answer = await box.control('POST', '/guest-messages', {
    property_id: ids.propertyId,
    conversation_id: ids.conversationId,
    content,
    ...extra,
  })
  if (answer.status !== 200) throw new Error(JSON.stringify(answer.body))
  return answer.body.message_id as string
}

/** node:http without fetch's rules: any method may carry any body, as a hostile client would send. */
export function rawCall(
  base: string,
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers:
          body === undefined
            ? headers
            : {
                'Content-Type': 'application/json',
                'Content-Length': String(Buffer.byteLength(body)),
                ...headers,
              },
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let parsed: unknown = text
          try {
            parsed = JSON.parse(text)
          } catch {
            // Left as text: the test will notice.
          }
          const answerHeaders = new Headers()
          for (const [key, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') answerHeaders.set(key, value)
          }
          resolve({ status: incoming.statusCode ?? 0, headers: answerHeaders, body: parsed })
        })
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}
