import { mkdir } from 'node:fs/promises'
import pino from 'pino'
import { createStream } from 'rotating-file-stream'
import type { PlatformLog, RequestLogEntry } from './platform-log'

export interface FileLog extends PlatformLog {
  /** Flushes and closes the file. */
  close(): Promise<void>
}

/**
 * The platform client's log: JSON lines in `<dir>/platform.log`, rotated at 5 MB with five
 * old files kept (`platform.log.1` …), readable by the user only. pino writes to the
 * rotating stream in this thread: no transport worker, which a bundled Electron main
 * process could not start. Keys that could ever hold a secret or a guest's text are redacted
 * as a second line of defence; the entries themselves never carry them (platform-log.ts).
 */
export async function openFileLog(dir: string): Promise<FileLog> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const stream = createStream('platform.log', { path: dir, size: '5M', rotate: 5, mode: 0o600 })
  stream.on('error', (error) => console.error('Platform log failed:', error.message))
  const logger = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          '*.secret',
          '*.clientSecret',
          '*.client_secret',
          '*.jwt',
          '*.authorization',
          '*.content',
        ],
        censor: '[redacted]',
      },
    },
    stream,
  )
  return {
    request(entry: RequestLogEntry) {
      const level = entry.outcome === 'ok' ? 'info' : 'warn'
      logger[level]({ request: entry }, 'platform request')
    },
    note(message, fields = {}) {
      logger.info({ note: fields }, message)
    },
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush()
        stream.end(() => resolve())
      }),
  }
}
