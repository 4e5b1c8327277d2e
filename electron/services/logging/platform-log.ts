import type { BridgeErrorCode, TransportCause } from '../../../shared/bridge/result'

/**
 * One HTTP exchange with the platform, as it is logged. Deliberately narrow: no bodies, no
 * headers, no query strings, no platform messages (they can quote the guest's text), so a
 * message's content, a token or a client secret cannot reach the log by accident.
 */
export interface RequestLogEntry {
  account: string
  method: string
  /** The URL's path only. */
  path: string
  status: number | null
  durationMs: number
  ruid: string | null
  /** 1 for the first try. */
  attempt: number
  outcome: 'ok' | BridgeErrorCode
  cause?: TransportCause
  platformCodes?: string[]
}

export interface PlatformLog {
  request(entry: RequestLogEntry): void
  /** A fact about the connection (breaker opened, account switched); fields must be plain ids. */
  note(message: string, fields?: Record<string, string | number | boolean | null>): void
}

export const silentLog: PlatformLog = { request: () => {}, note: () => {} }

/** Keeps entries in memory: for tests. */
export class MemoryLog implements PlatformLog {
  readonly entries: RequestLogEntry[] = []
  readonly notes: string[] = []
  request(entry: RequestLogEntry): void {
    this.entries.push(entry)
  }
  note(message: string): void {
    this.notes.push(message)
  }
}

/** The path of a URL without its query: page ids and references stay out of the log. */
export function logPath(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return '(unparseable url)'
  }
}
