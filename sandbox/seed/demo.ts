import { createHash } from 'node:crypto'
import { messageEvent, reservationEvents } from '../src/factory'
import { SeededRandom } from '../src/random'
import type { SandboxEvent } from '../src/store/events'
import type { AttachmentRecord, PropertyRecord } from '../src/store/model'
import { SandboxState } from '../src/store/state'
import { guestNames } from './guests'
import { planStays, PropertyCalendar, type StayPlan } from './plan'
import { entrancePhotoJpeg, roomPhotoJpeg } from './photos'
import { mapPng } from './png'
import { writeThread, type PhotoName, type Thread } from './threads'
import { demoProperties, type DemoProperty } from './properties'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
/** Seeded history older than this is not in the queue: the platform would not deliver it as new. */
const QUEUED_WITHIN_MS = 48 * HOUR

interface Photo {
  bytes: Buffer
  file_name: string
  file_type: 'image/jpeg' | 'image/png'
  sha256: string
}

/**
 * The demo data, relative to `now` (sandbox time) and otherwise always the same: six
 * properties, 240 reservations from a year ago to six months ahead, conversations in ten languages.
 */
export function buildDemoSeed(now: number): { events: SandboxEvent[]; blobs: Uint8Array[] } {
  const random = new SeededRandom(0x1bb0c5)
  const photos = makePhotos()
  const events: SandboxEvent[] = []
  const queued: { id: string; timestamp: string }[] = []
  demoProperties.forEach((demo, index) => {
    const property = propertyRecord(demo, random)
    events.push({ type: 'property_put', property })
    const calendar = new PropertyCalendar(now, demo.time_zone)
    for (const plan of planStays(random, demo.reservations, index)) {
      events.push(...stayEvents(random, property, demo, calendar, plan, photos))
    }
  })
  for (const event of events) {
    if (
      event.type === 'message_added' &&
      now - Date.parse(event.message.timestamp) < QUEUED_WITHIN_MS
    ) {
      queued.push({ id: event.message.message_id, timestamp: event.message.timestamp })
    }
  }
  queued.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
  events.push({ type: 'messages_queued', message_ids: queued.map((entry) => entry.id) })
  return { events, blobs: Object.values(photos).map((photo) => photo.bytes) }
}

function propertyRecord(demo: DemoProperty, random: SeededRandom): PropertyRecord {
  const { guest_languages: _languages, reservations: _count, ...fields } = demo
  return { ...fields, participant_id: random.uuid() }
}

function stayEvents(
  random: SeededRandom,
  property: PropertyRecord,
  demo: DemoProperty,
  calendar: PropertyCalendar,
  plan: StayPlan,
  photos: Record<PhotoName, Photo>,
): SandboxEvent[] {
  const language = random.pick(demo.guest_languages)
  const [firstNames, lastNames] = guestNames[language]
  const firstName = random.pick(firstNames)
  const leadDays = plan.kind === 'request_to_book' ? 0 : random.int(1, 120)
  const bookedAt = Math.min(
    calendar.at(plan.checkinOffset - leadDays, random.int(7, 23), random.int(0, 59)),
    calendar.now - random.int(2, 48) * HOUR,
  )
  const cancelledAt =
    plan.kind === 'cancelled'
      ? Math.min(calendar.now - random.int(1, 10) * DAY, calendar.at(plan.checkinOffset, 0))
      : null
  const { events, reservation } = reservationEvents(
    new SandboxState(),
    {
      property_id: property.property_id,
      guest_name: `${firstName} ${random.pick(lastNames)}`,
      guest_language: language,
      booked_at: new Date(bookedAt).toISOString(),
      checkin: calendar.date(plan.checkinOffset),
      checkout: calendar.date(plan.checkinOffset + plan.nights),
      status: plan.kind === 'cancelled' ? 'cancelled' : 'confirmed',
      cancelled_at:
        cancelledAt === null
          ? null
          : new Date(Math.max(cancelledAt, bookedAt + HOUR)).toISOString(),
      conversation_type: plan.kind === 'request_to_book' ? 'request_to_book' : 'reservation',
    },
    random,
    new Date(Math.max(bookedAt, cancelledAt ?? 0)).toISOString(),
  )
  const thread = writeThread({ random, plan, calendar, language, firstName, bookedAt })
  const cutoff = cancelledAt ?? calendar.now
  thread.messages = thread.messages.filter((message) => message.at < cutoff)
  return [
    ...events,
    ...messageEvents(
      random,
      reservation.conversation_id,
      property.participant_id,
      thread,
      calendar.now,
      photos,
    ),
  ]
}

function messageEvents(
  random: SeededRandom,
  conversationId: string,
  propertyParticipantId: string,
  thread: Thread,
  now: number,
  photos: Record<PhotoName, Photo>,
): SandboxEvent[] {
  const events: SandboxEvent[] = []
  let previous = 0
  const ordered = [...thread.messages].sort((a, b) => a.at - b.at)
  for (const message of ordered) {
    const at = Math.max(message.at, previous + 1)
    previous = at
    const attachments: AttachmentRecord[] = []
    if (message.photo) {
      const photo = photos[message.photo]
      attachments.push({
        attachment_id: random.uuid(),
        conversation_id: conversationId,
        file_name: photo.file_name,
        file_type: photo.file_type,
        file_size: photo.bytes.length,
        sha256: photo.sha256,
        uploaded_at: new Date(at).toISOString(),
      })
    }
    events.push(
      ...attachments.map((attachment) => ({ type: 'attachment_stored' as const, attachment })),
    )
    const event = messageEvent(
      {
        conversation_id: conversationId,
        content: message.content,
        timestamp: new Date(at).toISOString(),
        sender_type: message.sender,
        message_type: message.message_type,
        attributes: message.attributes,
        attachment_ids: attachments.map((attachment) => attachment.attachment_id),
      },
      random,
    )
    events.push({ ...event, queued: false })
    if (message.sender === 'property') events.push(readEvent(events, propertyParticipantId))
  }
  const lastGuest = ordered.filter((m) => m.sender === 'guest').at(-1)
  if (
    thread.noReplyNeededAfterMs !== undefined &&
    lastGuest &&
    lastGuest.at + thread.noReplyNeededAfterMs < now
  ) {
    events.push({
      type: 'no_reply_needed_set',
      conversation_id: conversationId,
      at: new Date(lastGuest.at + thread.noReplyNeededAfterMs).toISOString(),
    })
  }
  return events
}

/** Answering a guest means having read every guest message before the answer. */
function readEvent(events: SandboxEvent[], participantId: string): SandboxEvent {
  const guestIds = events.flatMap((event) =>
    event.type === 'message_added' && event.message.sender_type === 'guest'
      ? [event.message.message_id]
      : [],
  )
  return {
    type: 'message_read_set',
    message_ids: guestIds,
    participant_id: participantId,
    value: true,
  }
}

function makePhotos(): Record<PhotoName, Photo> {
  const photo = (bytes: Buffer, file_name: string, file_type: Photo['file_type']): Photo => ({
    bytes,
    file_name,
    file_type,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  })
  return {
    room: photo(Buffer.from(roomPhotoJpeg, 'base64'), 'IMG_2041.jpg', 'image/jpeg'),
    entrance: photo(Buffer.from(entrancePhotoJpeg, 'base64'), 'IMG_0387.jpg', 'image/jpeg'),
    map: photo(mapPng(), 'map.png', 'image/png'),
  }
}
