import type { ApiVersion } from '../../../shared/platform'
import type { SandboxRuntime } from '../runtime'
import type { AccountRecord } from '../store/model'

export interface ApiRequest {
  runtime: SandboxRuntime
  account: AccountRecord
  version: ApiVersion
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  /** Pushed to by the handler; they go into the envelope's `warnings`. */
  warnings: { code: string; message: string }[]
}

/** Returns the envelope's `data`; throws ApiError to refuse. */
export type ApiHandler = (request: ApiRequest) => unknown

export interface ControlRequest {
  runtime: SandboxRuntime
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
}

/** Returns the plain JSON answer (status 200 unless it says otherwise); throws ApiError to refuse. */
export type ControlHandler = (request: ControlRequest) => unknown
