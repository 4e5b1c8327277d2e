import { z } from 'zod'
import { invokeContract, isInvokeChannel } from '../../shared/bridge'
import type { InvokeArgs, InvokeChannel, InvokeResult } from '../../shared/bridge'
import { BridgeFailure, failure, success } from '../../shared/bridge/result'
import type { BridgeResult } from '../../shared/bridge/result'

/**
 * One handler per contract channel. A channel without a handler, or a handler with the
 * wrong argument or result type, does not compile.
 */
export type BridgeHandlers = {
  readonly [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>
}

type AnyHandler = (...args: unknown[]) => Promise<unknown>

/**
 * Runs one request from a renderer, whichever transport brought it: the channel must be
 * in the contract and the arguments must pass its schema before any handler sees them.
 * Never throws; unexpected errors become `internal` without leaking their details.
 */
export async function dispatch(
  handlers: BridgeHandlers,
  channel: unknown,
  rawArgs: unknown,
  onUnexpected: (channel: InvokeChannel, error: unknown) => void = () => {},
): Promise<BridgeResult<unknown>> {
  if (!isInvokeChannel(channel)) return failure('unknown_channel', 'No such bridge channel.')
  const parsed = invokeContract[channel].args.safeParse(rawArgs)
  if (!parsed.success) {
    return failure('invalid_argument', `${channel}: ${z.prettifyError(parsed.error)}`)
  }
  try {
    const handler = handlers[channel] as AnyHandler
    return success(await handler(...(parsed.data as unknown[])))
  } catch (error) {
    if (error instanceof BridgeFailure) return failure(error.code, error.message, error.details)
    onUnexpected(channel, error)
    return failure('internal', `${channel} failed unexpectedly.`)
  }
}
