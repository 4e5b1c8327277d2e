import { z } from 'zod'
import type { EventChannel, InvokeChannel } from './channels'
import { platformEventContract, platformInvokeContract } from './platform-contract'
import type { BridgeResult } from './result'
import { translationEventContract, translationInvokeContract } from './translation-contract'
import {
  appInfoSchema,
  appRouteSchema,
  desktopNotificationSchema,
  outboxMirrorSchema,
  settingsPatchSchema,
  settingsSnapshotSchema,
} from './schemas'

/**
 * The DeskApi contract: every request channel with the schema of its arguments (a tuple,
 * validated by the Node side on arrival) and of its result. Both transports (Electron IPC
 * and the web host's HTTP) carry exactly this.
 */
export const invokeContract = {
  /** The app's name, version, platform, host and the OS locale. */
  'app:info': { args: z.tuple([]), result: appInfoSchema },
  /** The current settings, and whether a damaged settings file was replaced by defaults. */
  'settings:get': { args: z.tuple([]), result: settingsSnapshotSchema },
  /** Changes some settings, saves them atomically and answers with the new snapshot. */
  'settings:update': { args: z.tuple([settingsPatchSchema]), result: settingsSnapshotSchema },
  ...platformInvokeContract,
  /**
   * Shows a desktop notification through the operating system (the Electron app). The web
   * host's Node side has none and answers `unavailable`: there the page uses the browser's
   * Notification API itself.
   */
  'notifications:show': { args: z.tuple([desktopNotificationSchema]), result: z.null() },
  /** The store identity and unsent replies the desk's folder keeps; null before the first save. */
  'outbox:readMirror': { args: z.tuple([]), result: outboxMirrorSchema.nullable() },
  /** Replaces them (written atomically): called whenever the page's outbox changes. */
  'outbox:saveMirror': { args: z.tuple([outboxMirrorSchema]), result: z.null() },
  ...translationInvokeContract,
} satisfies { [C in InvokeChannel]: { args: z.ZodTuple; result: z.ZodType } }

/** Events from the Node side to every open UI, each with its payload schema. */
export const eventContract = {
  /** Settings changed (from any window or host); carries the new snapshot. */
  'settings:changed': settingsSnapshotSchema,
  /** The application menu asked the UI to show a screen. */
  'app:navigationRequested': z.object({ route: appRouteSchema }),
  ...platformEventContract,
  /** The user clicked a desktop notification; the window was brought to the front. */
  'notifications:clicked': z.object({ conversationId: z.string() }),
  ...translationEventContract,
} satisfies { [E in EventChannel]: z.ZodType }

/** The arguments as a handler receives them: validated, defaults applied. */
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>
/** The arguments as a caller may write them: fields with a default may be left out. */
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['args']>
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['result']>
export type EventPayload<E extends EventChannel> = z.infer<(typeof eventContract)[E]>

type DomainOf<C extends string> = C extends `${infer Domain}:${string}` ? Domain : never

/**
 * The typed object the UI talks to: `api.settings.update(patch)` for the channel
 * `settings:update`. The preload exposes it as `window.innbox`; the web host's client
 * builds the same object over HTTP.
 */
export type DeskApi = {
  readonly [D in DomainOf<InvokeChannel>]: {
    readonly [C in InvokeChannel as C extends `${D}:${infer Method}` ? Method : never]: (
      ...args: InvokeInput<C>
    ) => Promise<BridgeResult<InvokeResult<C>>>
  }
} & {
  /** Listens to an event from the Node side; returns the function that stops listening. */
  readonly on: <E extends EventChannel>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ) => () => void
}
