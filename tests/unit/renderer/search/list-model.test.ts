import { describe, expect, it } from 'vitest'
import {
  comparatorFor,
  matchesFilters,
  noFilters,
  stageOfEntry,
  type ListEntry,
} from '@/search/list-model'

const HOUR = 3_600_000
const NOW = Date.parse('2026-03-10T09:00:00Z')
const lisbon = { timeZone: 'Europe/Lisbon', checkoutTime: '11:00' }

function entry(id: string, overrides: Partial<ListEntry> = {}): ListEntry {
  return {
    conversationId: id,
    propertyId: 'p1',
    requestToBook: false,
    cancelled: false,
    checkin: '2026-03-20',
    checkout: '2026-03-22',
    lastActivityAt: NOW - HOUR,
    needsReply: false,
    replyDeadline: null,
    unread: false,
    ...overrides,
  }
}

const order = (entries: ListEntry[], sort: Parameters<typeof comparatorFor>[0]) =>
  [...entries].sort(comparatorFor(sort, NOW, () => '2026-03-10')).map((e) => e.conversationId)

describe('the list model', () => {
  it('gives each stay its stage in the property calendar', () => {
    expect(stageOfEntry(entry('a'), lisbon, NOW)).toBe('upcoming')
    expect(stageOfEntry(entry('a', { checkin: '2026-03-10' }), lisbon, NOW)).toBe('arrivingToday')
    expect(
      stageOfEntry(entry('a', { checkin: '2026-03-08', checkout: '2026-03-12' }), lisbon, NOW),
    ).toBe('inHouse')
    expect(
      stageOfEntry(
        entry('a', { checkin: '2026-03-01', checkout: '2026-03-10' }),
        lisbon,
        NOW + 3 * HOUR,
      ),
    ).toBe('departed')
    expect(stageOfEntry(entry('a', { cancelled: true }), lisbon, NOW)).toBe('cancelled')
    expect(stageOfEntry(entry('a', { requestToBook: true }), lisbon, NOW)).toBe('requestToBook')
    expect(stageOfEntry(entry('a', { checkin: null, checkout: null }), lisbon, NOW)).toBeNull()
  })

  it('filters by needs reply, unread, stage and arrival dates together', () => {
    const entries = [
      entry('reply', { needsReply: true, replyDeadline: NOW + HOUR }),
      entry('unread', { unread: true }),
      entry('both', { needsReply: true, unread: true, replyDeadline: NOW + HOUR }),
      entry('inhouse', { checkin: '2026-03-08', checkout: '2026-03-12' }),
      entry('later', { checkin: '2026-04-01', checkout: '2026-04-03' }),
    ]
    const keep = (filters: Partial<typeof noFilters>) =>
      entries
        .filter((e) => matchesFilters(e, { ...noFilters, ...filters }, lisbon, NOW))
        .map((e) => e.conversationId)
    expect(keep({})).toHaveLength(5)
    expect(keep({ needsReply: true })).toEqual(['reply', 'both'])
    expect(keep({ unread: true })).toEqual(['unread', 'both'])
    expect(keep({ needsReply: true, unread: true })).toEqual(['both'])
    expect(keep({ stage: 'inHouse' })).toEqual(['inhouse'])
    expect(keep({ arrivalFrom: '2026-03-21' })).toEqual(['later'])
    expect(keep({ arrivalFrom: '2026-03-08', arrivalTo: '2026-03-08' })).toEqual(['inhouse'])
    expect(keep({ arrivalTo: '2026-03-19' })).toEqual(['inhouse'])
  })

  it('sorts by reply deadline: owed replies most urgent first, then the rest by activity', () => {
    const entries = [
      entry('quiet-new', { lastActivityAt: NOW }),
      entry('due-later', { needsReply: true, replyDeadline: NOW + 48 * HOUR }),
      entry('due-soon', { needsReply: true, replyDeadline: NOW + 2 * HOUR }),
      entry('closed', {
        needsReply: true,
        replyDeadline: NOW - HOUR,
        lastActivityAt: NOW - 400 * HOUR,
      }),
      entry('quiet-old', { lastActivityAt: NOW - 100 * HOUR }),
    ]
    expect(order(entries, 'replyDeadline')).toEqual([
      'due-soon',
      'due-later',
      'quiet-new',
      'quiet-old',
      'closed',
    ])
  })

  it('sorts by last activity, newest first', () => {
    const entries = [
      entry('b', { lastActivityAt: NOW - 2 * HOUR }),
      entry('a', { lastActivityAt: NOW }),
      entry('c', { lastActivityAt: NOW - 9 * HOUR }),
    ]
    expect(order(entries, 'lastActivity')).toEqual(['a', 'b', 'c'])
  })

  it('sorts by arrival: next arrivals first, then past stays most recent first', () => {
    const entries = [
      entry('past-old', { checkin: '2026-01-02' }),
      entry('next', { checkin: '2026-03-11' }),
      entry('today', { checkin: '2026-03-10' }),
      entry('later', { checkin: '2026-05-01' }),
      entry('past-recent', { checkin: '2026-03-01' }),
      entry('unknown', { checkin: null, checkout: null }),
    ]
    expect(order(entries, 'arrival')).toEqual([
      'today',
      'next',
      'later',
      'past-recent',
      'past-old',
      'unknown',
    ])
  })
})
