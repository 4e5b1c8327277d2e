/**
 * Sandbox time: real time plus an offset that tests and demos can move. Every rule check,
 * every timestamp and token expiry read it, so advancing it makes windows close for real.
 */
export class SandboxClock {
  constructor(private offsetMs = 0) {}

  get offset(): number {
    return this.offsetMs
  }

  now(): number {
    return Date.now() + this.offsetMs
  }

  nowIso(): string {
    return new Date(this.now()).toISOString()
  }

  /** Returns the new offset, for the caller to persist. */
  setNow(instant: number): number {
    this.offsetMs = instant - Date.now()
    return this.offsetMs
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs
  }
}
