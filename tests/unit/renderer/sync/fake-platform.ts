import type {
  Conversation,
  ConversationSummary,
  Message,
  Property,
  Reservation,
} from '@shared/platform'
import { invokeContract } from '@shared/bridge/contract'
import type { PolicyReason } from '@shared/policy'
import type { PortError, PortResult, SyncPort, TagArgs } from '@/sync'
import { conversation as conversationOf, iso, message as messageOf } from '../db/builders'

// An in-memory platform behind the SyncPort, with programmable failures: offline, rate limits
// with Retry-After, unknown outcomes where the request was or was not applied, policy refusals,
// and re-deliveries from the queue.

export interface FakeClock {
  now: () => number
  advance: (ms: number) => void
  set: (instant: number) => void
}

export function fakeClock(start: number): FakeClock {
  let t = start
  return { now: () => t, advance: (ms) => (t += ms), set: (instant) => (t = instant) }
}

export interface Fault {
  code: string
  retryAfterMs?: number
  reasons?: PolicyReason[]
  status?: number
  /** For writes: the platform did apply the request before the answer was lost. */
  applied?: boolean
}

type Method =
  | 'properties.list'
  | 'reservations.list'
  | 'sync.pullLatest'
  | 'sync.confirm'
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.byReservation'
  | 'messages.send'
  | 'attachments.upload'
  | 'attachments.get'
  | 'tags.set'
  | 'tags.clear'

const ok = <T>(value: T): PortResult<T> => ({ ok: true, value })
const err = (fault: Fault): { ok: false; error: PortError } => ({
  ok: false,
  error: {
    code: fault.code,
    message: `fake ${fault.code}`,
    details: {
      ...(fault.retryAfterMs !== undefined ? { retryAfterMs: fault.retryAfterMs } : {}),
      ...(fault.reasons ? { reasons: fault.reasons } : {}),
      ...(fault.status !== undefined ? { status: fault.status } : {}),
    },
  },
})

export function createFakePlatform(clock: FakeClock, { pageSize = 2 } = {}) {
  const properties = new Map<string, Property>()
  const reservations: Reservation[] = []
  const conversations = new Map<string, Conversation>()
  const queue: Message[] = []
  const faults = new Map<Method, Fault[]>()
  const calls: string[] = []
  const uploads = new Map<string, Uint8Array>()
  let offline = false
  let sentCount = 0

  /** Logs the call and answers with the fault to apply, if any. */
  function gate(method: Method, detail = ''): Fault | null {
    calls.push(detail ? `${method}:${detail}` : method)
    if (offline) return { code: 'offline' }
    return faults.get(method)?.shift() ?? null
  }

  function summary(c: Conversation): ConversationSummary {
    const latest = [...c.messages].sort((a, b) => a.timestamp.localeCompare(b.timestamp)).at(-1)
    return { ...c, messages: latest ? [latest] : [] }
  }

  function add(m: Message, { queued = true } = {}) {
    const c = conversations.get(m.conversation.conversation_id)
    if (!c) throw new Error(`no conversation ${m.conversation.conversation_id}`)
    c.messages.push(m)
    if (queued) queue.push(m)
  }

  const port: SyncPort = {
    properties: {
      async list() {
        const fault = gate('properties.list')
        return fault ? err(fault) : ok([...properties.values()])
      },
    },
    reservations: {
      async list({ propertyId, updatedSince }) {
        const fault = gate('reservations.list', propertyId)
        if (fault) return err(fault)
        return ok(
          reservations.filter(
            (r) =>
              r.property_id === propertyId &&
              (!updatedSince || (r.updated_at ?? r.booked_at) >= updatedSince),
          ),
        )
      },
    },
    sync: {
      async pullLatest() {
        const fault = gate('sync.pullLatest')
        return fault ? err(fault) : ok({ messages: queue.slice(0, 100) })
      },
      async confirm({ count }) {
        const fault = gate('sync.confirm', String(count))
        if (fault) return err(fault)
        queue.splice(0, count)
        return ok(null)
      },
    },
    conversations: {
      async list({ propertyId, pageId }) {
        const fault = gate('conversations.list', `${propertyId}@${pageId ?? 0}`)
        if (fault) return err(fault)
        const all = [...conversations.values()].filter((c) => c.property_id === propertyId)
        const start = Number(pageId ?? 0)
        const next = start + pageSize < all.length ? String(start + pageSize) : null
        return ok({
          conversations: all.slice(start, start + pageSize).map(summary),
          next_page_id: next,
        })
      },
      async get({ conversationId }) {
        const fault = gate('conversations.get', conversationId)
        if (fault) return err(fault)
        const c = conversations.get(conversationId)
        return c ? ok(structuredClone(c)) : err({ code: 'not_found', status: 404 })
      },
      async byReservation({ reservationId }) {
        const fault = gate('conversations.byReservation', reservationId)
        if (fault) return err(fault)
        const c = [...conversations.values()].find(
          (x) => x.conversation_reference === reservationId,
        )
        return c ? ok(structuredClone(c)) : err({ code: 'not_found', status: 404 })
      },
    },
    messages: {
      async send({ propertyId, conversationId, content, attachmentIds }) {
        const fault = gate('messages.send', `${conversationId}:${content}`)
        if (fault && !fault.applied) return err(fault)
        sentCount += 1
        const id = `sent-${sentCount}`
        add(
          messageOf({
            id,
            conversationId,
            propertyId,
            from: 'property',
            at: clock.now(),
            content,
            attachmentIds,
          }),
        )
        return fault ? err(fault) : ok({ messageId: id })
      },
    },
    attachments: {
      async upload({ bytes }) {
        const fault = gate('attachments.upload')
        if (fault) return err(fault)
        const id = `att-${uploads.size + 1}`
        uploads.set(id, bytes)
        return ok({ attachmentId: id })
      },
      async get({ attachmentId }) {
        const fault = gate('attachments.get', attachmentId)
        if (fault) return err(fault)
        const bytes = uploads.get(attachmentId) ?? null
        return ok({
          metadata: {
            attachment_id: attachmentId,
            file_name: 'a.jpg',
            file_type: 'image/jpeg',
            file_size: bytes?.byteLength ?? 0,
          },
          bytes,
        })
      },
    },
    tags: {
      set: async (args: TagArgs) => tag('tags.set', args, true),
      clear: async (args: TagArgs) => tag('tags.clear', args, false),
    },
  }

  function tag(
    method: 'tags.set' | 'tags.clear',
    args: TagArgs,
    set: boolean,
  ): PortResult<unknown> {
    const fault = gate(method, `${args.conversationId}:${args.tag}`)
    if (fault && !fault.applied) return err(fault)
    const c = conversations.get(args.conversationId)
    if (c && args.tag === 'no_reply_needed') {
      c.tags = { ...c.tags, no_reply_needed: { set, set_at: set ? iso(clock.now()) : null } }
    }
    if (c && args.tag === 'message_read') {
      const ids = new Set([...(c.tags.message_read?.message_ids ?? []), ...args.messageIds])
      c.tags = {
        ...c.tags,
        message_read: { message_ids: [...ids], participant_id: args.participantId },
      }
    }
    return fault ? err(fault) : ok(null)
  }

  return {
    port: enforceContract(port),
    calls,
    queue,
    conversations,
    addProperty(p: Property) {
      properties.set(p.property_id, p)
    },
    addReservation(r: Reservation) {
      reservations.push(r)
    },
    /** A conversation on the platform; its messages are not queued (they predate the desk). */
    addConversation(id: string, propertyId: string, messages: Message[] = []) {
      conversations.set(id, conversationOf(id, propertyId, messages))
    },
    /** The guest writes: the message lands in the conversation and in the account's queue. */
    guestWrites(
      id: string,
      conversationId: string,
      propertyId: string,
      content = `guest says ${id}`,
    ) {
      add(messageOf({ id, conversationId, propertyId, from: 'guest', at: clock.now(), content }))
    },
    /** Another desk on the same account answers. */
    otherDeskWrites(id: string, conversationId: string, propertyId: string, content: string) {
      add(messageOf({ id, conversationId, propertyId, from: 'property', at: clock.now(), content }))
    },
    fail(method: Method, ...list: Fault[]) {
      faults.set(method, [...(faults.get(method) ?? []), ...list])
    },
    setOffline(value: boolean) {
      offline = value
    },
    /** Property messages of a conversation, oldest first. */
    sentTexts(conversationId: string): string[] {
      return (conversations.get(conversationId)?.messages ?? [])
        .filter((m) => m.sender.metadata.participant_type === 'property')
        .map((m) => m.content)
    },
    count(prefix: string): number {
      return calls.filter((c) => c === prefix || c.startsWith(`${prefix}:`)).length
    },
  }
}

export type FakePlatform = ReturnType<typeof createFakePlatform>

/**
 * Every call is checked against the bridge contract's argument schema, as the Node side checks
 * it: a call the real desk would refuse (an extra field, a wrong type) fails the test loudly
 * instead of passing against a lenient fake.
 */
function enforceContract(port: SyncPort): SyncPort {
  const checked: Record<string, Record<string, (...args: unknown[]) => unknown>> = {}
  for (const [domain, methods] of Object.entries(port)) {
    checked[domain] = {}
    for (const [name, method] of Object.entries(
      methods as Record<string, (...args: unknown[]) => unknown>,
    )) {
      const channel = `${domain}:${name}` as keyof typeof invokeContract
      checked[domain][name] = (...args: unknown[]) => {
        const verdict = invokeContract[channel].args.safeParse(args)
        if (!verdict.success) {
          throw new Error(`${channel} called outside the bridge contract: ${verdict.error.message}`)
        }
        return method(...args)
      }
    }
  }
  return checked as unknown as SyncPort
}
