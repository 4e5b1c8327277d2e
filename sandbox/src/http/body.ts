import type { IncomingMessage } from 'node:http'
import { ApiError } from './errors'

export const MAX_BODY_BYTES = 2 * 1024 * 1024
/** Past this, an oversized body is not even drained: the connection is cut. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024

/**
 * Reads a body up to 2 MB. A larger one is refused with 413, but only once the client has
 * finished sending it: cutting the connection mid-upload would hide the answer from the client.
 */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
      else if (size > MAX_DRAIN_BYTES) request.destroy()
    })
    request.on('end', () =>
      size > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(Buffer.concat(chunks)),
    )
    request.on('error', reject)
    request.on('close', () => {
      if (!request.complete)
        reject(new ApiError(400, 'incomplete_body', 'The request body was cut short.'))
    })
  })
}

/** No body is no value: PUT and DELETE often come without one. */
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
