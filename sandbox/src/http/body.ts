import type { IncomingMessage } from 'node:http'
import { ApiError } from './errors'

export const MAX_BODY_BYTES = 2 * 1024 * 1024

/** Reads a body up to 2 MB; a larger one is refused before it is buffered whole. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** No body is an empty object: PUT and DELETE often come without one. */
export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch {
    throw new ApiError(400, 'malformed_json', 'The request body is not valid JSON.')
  }
}

function tooLarge(): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
  )
}
