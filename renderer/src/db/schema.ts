import Dexie, { type DexieOptions, type Table } from 'dexie'
import * as initial from './migrations/0001-initial'
import * as maintainedCounters from './migrations/0002-maintained-counters'
import * as templatesAndSchedules from './migrations/0003-templates-and-schedules'
import * as leanIndexes from './migrations/0004-lean-indexes'
import * as notificationIndex from './migrations/0005-notification-index'
import * as conversationWrites from './migrations/0006-conversation-writes'
import type {
  AttachmentRecord,
  ConversationRecord,
  CounterRecord,
  DraftRecord,
  MessageRecord,
  OutboxRecord,
  PropertyFactsRecord,
  PropertyRecord,
  ReservationRecord,
  ScheduledSendRecord,
  ScheduleRuleRecord,
  SettingRecord,
  SyncStateRecord,
  TemplateRecord,
  TranslationRecord,
} from './records'

export const DEFAULT_DB_NAME = 'innbox'

/**
 * The one Dexie database of the desk. Every version is declared here, in order; each one's
 * stores and upgrade live in `migrations/NNNN-what-changes.ts` and are never edited once shipped.
 */
export class InnboxDb extends Dexie {
  properties!: Table<PropertyRecord, string>
  reservations!: Table<ReservationRecord, string>
  conversations!: Table<ConversationRecord, string>
  messages!: Table<MessageRecord, string>
  attachments!: Table<AttachmentRecord, string>
  outbox!: Table<OutboxRecord, string>
  drafts!: Table<DraftRecord, string>
  templates!: Table<TemplateRecord, string>
  translations!: Table<TranslationRecord, [string, string]>
  settings!: Table<SettingRecord, string>
  syncState!: Table<SyncStateRecord, string>
  counters!: Table<CounterRecord, string>
  scheduleRules!: Table<ScheduleRuleRecord, string>
  propertyFacts!: Table<PropertyFactsRecord, string>
  scheduledSends!: Table<ScheduledSendRecord, string>

  constructor(name: string = DEFAULT_DB_NAME, options: DexieOptions = {}) {
    // Strict durability for every transaction: the queue is confirmed and the outbox is sent
    // only after a commit, so a commit must mean "on disk", not "in the OS cache" — otherwise
    // a power cut after the confirm loses messages the platform will never deliver again.
    // Writes are batched, so the cost is one flush per batch. (Dexie 4 sets durability per
    // database, not per transaction.)
    super(name, { chromeTransactionDurability: 'strict', ...options })
    this.version(initial.version).stores(initial.stores)
    this.version(maintainedCounters.version)
      .stores(maintainedCounters.stores)
      .upgrade(maintainedCounters.upgrade)
    this.version(templatesAndSchedules.version)
      .stores(templatesAndSchedules.stores)
      .upgrade(templatesAndSchedules.upgrade)
    this.version(leanIndexes.version).stores(leanIndexes.stores)
    this.version(notificationIndex.version).stores(notificationIndex.stores)
    this.version(conversationWrites.version).stores(conversationWrites.stores)
  }
}

/** The latest schema version; a store written by a newer build cannot be opened by this one. */
export const SCHEMA_VERSION = conversationWrites.version
