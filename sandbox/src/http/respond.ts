import type { ServerResponse } from 'node:http'
import { makeEnvelope, type PlatformProblem } from '../../../shared/platform'
import type { ApiError } from './errors'

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  response.end(text)
}

/** Every Messaging API answer, refusals included, is an envelope (PLATFORM.md, Transport). */
export function sendEnvelope(
  response: ServerResponse,
  ruid: string,
  data: unknown,
  warnings: PlatformProblem[] = [],
): void {
  sendJson(response, 200, makeEnvelope(data, ruid, { warnings }))
}

export function sendEnvelopeError(response: ServerResponse, ruid: string, error: ApiError): void {
  const errors = [{ code: error.code, message: error.message }, ...error.more]
  const body = makeEnvelope(null, ruid, { errors })
  sendJson(response, error.status, body, error.headers)
}

/** The control API answers plain JSON, refusals as `{ error: { code, message } }`. */
export function sendControlError(response: ServerResponse, error: ApiError): void {
  sendJson(
    response,
    error.status,
    { error: { code: error.code, message: error.message } },
    error.headers,
  )
}
