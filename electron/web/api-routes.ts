import type { IncomingMessage, ServerResponse } from 'node:http'
import { failure } from '../../shared/bridge/result'
import { fromWire, toWire } from '../../shared/bridge/wire'
import { dispatch } from '../services/bridge-dispatch'
import type { BridgeHandlers } from '../services/bridge-dispatch'
import type { EventHub } from '../services/event-hub'
import { sendJson } from './headers'

/**
 * Requests over this size are refused before they are read in full. Fits the largest upload
 * the contract accepts (4 MiB, as base64 plus JSON), so the policy, not this cap, explains a
 * photo that is too big.
 */
export const maxRequestBytes = 6 * 1024 * 1024
const heartbeatMs = 20_000

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (Number(request.headers['content-length'] ?? 0) > maxRequestBytes)
    throw new RangeError('too_large')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxRequestBytes) throw new RangeError('too_large')
    chunks.push(chunk as Buffer)
  }
  // `{ "$bytes": "<base64>" }` becomes a Uint8Array again before the schema sees it.
  return fromWire(JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]'))
}

/** `POST /api/invoke/<channel>` with the argument tuple as a JSON array. */
export async function handleInvoke(
  request: IncomingMessage,
  response: ServerResponse,
  channel: string,
  handlers: BridgeHandlers,
): Promise<void> {
  if (request.method !== 'POST')
    return sendJson(response, 405, failure('invalid_argument', 'POST only.'))
  if (!request.headers['content-type']?.startsWith('application/json')) {
    return sendJson(response, 415, failure('invalid_argument', 'JSON bodies only.'))
  }
  let args: unknown
  try {
    args = await readJsonBody(request)
  } catch (error) {
    const tooLarge = error instanceof RangeError
    // The rest of an oversized body is never read: this connection cannot be reused.
    if (tooLarge) response.setHeader('Connection', 'close')
    return sendJson(
      response,
      tooLarge ? 413 : 400,
      failure('invalid_argument', tooLarge ? 'Request too large.' : 'Body is not valid JSON.'),
    )
  }
  const result = await dispatch(handlers, channel, args, (name, error) =>
    console.error(`Bridge handler ${name} failed:`, error),
  )
  // Validation and handler errors are answers, not transport failures: always 200 + result.
  sendJson(response, 200, toWire(result))
}

/** `GET /api/events`: a server-sent-events stream of every bridge event. */
export function handleEvents(response: ServerResponse, events: EventHub): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  })
  response.write(': connected\n\n')
  const unsubscribe = events.subscribe((event, payload) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(toWire(payload))}\n\n`)
  })
  // Comments keep idle proxies and the browser from closing a quiet stream.
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), heartbeatMs)
  // The response's close, not the request's: a GET's request side closes as soon as it is read.
  response.on('close', () => {
    clearInterval(heartbeat)
    unsubscribe()
  })
}
