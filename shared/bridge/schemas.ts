import { z } from 'zod'
import { uiLanguages } from '../i18n/languages'

/** What the Node side tells the UI about the running app. */
export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Node's `process.platform` of the machine running the Node side. */
  platform: z.string(),
  /** The operating system's preferred locale (BCP 47), used to pick the first UI language. */
  osLocale: z.string(),
  /** Which host serves the UI: the Electron app or the web host in a browser tab. */
  host: z.enum(['electron', 'web']),
})
export type AppInfo = z.infer<typeof appInfoSchema>

/**
 * Settings kept by the Node side in the user-data folder. Every field has a default so a
 * missing or partly unknown file still yields complete settings.
 */
export const settingsSchema = z.object({
  /** The UI language; null follows the operating system's locale. */
  language: z.enum(uiLanguages).nullable().default(null),
  /**
   * Properties whose new guest messages raise no desktop notification. Optional rather than
   * defaulted so snapshots written before it existed stay valid: absent means none muted.
   */
  mutedNotificationProperties: z.array(z.string()).optional(),
  /** The language guest messages are translated into (issue 9); absent or null: the UI's. */
  staffLanguage: z.enum(uiLanguages).nullable().optional(),
  /** Translate every guest message of an open conversation without being asked. */
  autoTranslate: z.boolean().optional(),
})
export type Settings = z.infer<typeof settingsSchema>

/** A change to some settings; unknown keys are refused, not ignored. */
export const settingsPatchSchema = z
  .object({
    language: z.enum(uiLanguages).nullable(),
    mutedNotificationProperties: z.array(z.string().min(1).max(200)).max(10_000),
    staffLanguage: z.enum(uiLanguages).nullable(),
    autoTranslate: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** Settings as loaded, with what happened to a damaged file, so the UI can tell the user. */
export const settingsSnapshotSchema = z.object({
  values: settingsSchema,
  recovery: z
    .object({
      /** The damaged file was moved aside here; nothing was deleted. */
      backupFile: z.string(),
      reason: z.enum(['unreadable_json', 'invalid_values']),
    })
    .nullable(),
})
export type SettingsSnapshot = z.infer<typeof settingsSnapshotSchema>

export const appRouteSchema = z.enum(['inbox', 'settings'])
export type AppRoute = z.infer<typeof appRouteSchema>

/** Longest notification title and body the Node side accepts (a name and a short preview). */
export const NOTIFICATION_TITLE_MAX = 120
export const NOTIFICATION_BODY_MAX = 240

/**
 * A desktop notification for one new guest message. Never more than the guest's name and a
 * short plain-text preview: notifications show on a locked screen and to anyone passing the desk.
 */
export const desktopNotificationSchema = z.strictObject({
  /** The guest's name (or the translated word for "guest"). */
  title: z.string().min(1).max(NOTIFICATION_TITLE_MAX),
  /** A short plain-text preview of the message. */
  body: z.string().max(NOTIFICATION_BODY_MAX),
  /** The conversation a click opens. */
  conversationId: z.string().min(1).max(200),
})
export type DesktopNotification = z.infer<typeof desktopNotificationSchema>

/** How many unsent replies the desk's folder mirrors at most; longer texts are refused. */
export const OUTBOX_MIRROR_MAX_REPLIES = 1000
export const OUTBOX_MIRROR_MAX_TEXT = 20_000

/** One reply not sent yet, as the desk's folder keeps it beside the browser's store. */
export const mirroredReplySchema = z.strictObject({
  /** The outbox record's id: the idempotency key, so a restored reply is the same reply. */
  id: z.string().min(1).max(200),
  propertyId: z.string().min(1).max(200),
  conversationId: z.string().min(1).max(200),
  content: z.string().max(OUTBOX_MIRROR_MAX_TEXT),
  /** Epoch ms when it was queued: reconciling looks for it on the platform from then on. */
  createdAt: z.number().int().nonnegative(),
})
export type MirroredReply = z.infer<typeof mirroredReplySchema>

/**
 * The identity of the page's store (made when the store is created) and its unsent replies.
 * Kept by the Node side in the desk's folder, so a store deleted while the app was closed is
 * noticed and its replies are not lost with it.
 */
export const outboxMirrorSchema = z.strictObject({
  storeId: z.string().min(1).max(100),
  replies: z.array(mirroredReplySchema).max(OUTBOX_MIRROR_MAX_REPLIES),
})
export type OutboxMirror = z.infer<typeof outboxMirrorSchema>
