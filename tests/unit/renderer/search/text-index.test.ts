import { describe, expect, it } from 'vitest'
import { TextIndex, type IndexedMessage } from '@/search/text-index'

const DAY = 86_400_000
const NOW = Date.parse('2026-03-01T12:00:00Z')
let sequence = 0
function message(conversationId: string, content: string, at = NOW - DAY): IndexedMessage {
  sequence += 1
  return { messageId: `m${sequence}`, conversationId, timestamp: at, content }
}

function indexOf(
  conversations: { id: string; property?: string; guest?: string; messages?: string[] }[],
) {
  const index = new TextIndex()
  for (const { id, property = 'p1', guest = null, messages = [] } of conversations) {
    index.setConversation(id, property, guest)
    index.addMessages(messages.map((text) => message(id, text)))
  }
  index.settle()
  return index
}

const ids = (index: TextIndex, query: string, options = {}) =>
  index.search(query, { now: NOW, ...options }).hits.map((hit) => hit.conversationId)

describe('the full-text index', () => {
  it('finds messages by word prefix as you type', () => {
    const index = indexOf([
      { id: 'a', messages: ['Is there parking near the hotel?'] },
      { id: 'b', messages: ['We arrive late'] },
    ])
    expect(ids(index, 'p')).toEqual([])
    expect(ids(index, 'pa')).toEqual(['a'])
    expect(ids(index, 'parking')).toEqual(['a'])
    expect(ids(index, 'parkingz')).toEqual([])
  })

  it("finds a guest's name and says the name matched", () => {
    const index = indexOf([
      { id: 'a', guest: 'José Fernández', messages: ['Hola'] },
      { id: 'b', guest: 'Joseph Brown', messages: ['Hello'] },
    ])
    const outcome = index.search('fernandez', { now: NOW })
    expect(outcome.hits).toEqual([
      { conversationId: 'a', messageId: null, score: expect.any(Number) },
    ])
    expect(ids(index, 'jose')).toEqual(expect.arrayContaining(['a', 'b']))
  })

  it('needs every term somewhere in the conversation, in the name or any message', () => {
    const index = indexOf([
      { id: 'a', guest: 'Anna Kowalska', messages: ['Czy jest parking?', 'Dziękuję'] },
      { id: 'b', guest: 'Anna Nowak', messages: ['Śniadanie o której?'] },
    ])
    expect(ids(index, 'anna parking')).toEqual(['a'])
    expect(ids(index, 'anna sniadanie')).toEqual(['b'])
    expect(ids(index, 'parking sniadanie')).toEqual([])
  })

  it('ranks exact words before prefixes, and a message with all the terms first', () => {
    const index = indexOf([
      { id: 'prefix', messages: ['The parkade is closed'] },
      { id: 'exact', messages: ['Is there a park nearby'] },
      { id: 'split', messages: ['A park', 'Breakfast at 8'] },
      { id: 'both', messages: ['Breakfast by the park'] },
    ])
    expect(ids(index, 'park')[0]).not.toBe('prefix')
    expect(ids(index, 'park').at(-1)).toBe('prefix')
    expect(ids(index, 'park breakfast')).toEqual(['both', 'split'])
    expect(index.search('park breakfast', { now: NOW }).hits[0]!.messageId).not.toBeNull()
  })

  it('puts the recent conversation first when the words match equally', () => {
    const index = new TextIndex()
    index.setConversation('old', 'p1', null)
    index.setConversation('new', 'p1', null)
    index.addMessages([message('old', 'late check-out please', NOW - 300 * DAY)])
    index.addMessages([message('new', 'late check-out please', NOW - DAY)])
    expect(ids(index, 'late check')).toEqual(['new', 'old'])
  })

  it('puts the guest active most recently first when names match equally, as activity moves', () => {
    const index = new TextIndex()
    index.setConversation('quiet', 'p1', 'Екатерина Морозов', NOW - 20 * DAY)
    index.setConversation('active', 'p1', 'Алексей Морозов', NOW - DAY)
    index.settle()
    expect(ids(index, 'морозов')).toEqual(['active', 'quiet'])
    index.setLastActivity('quiet', NOW)
    expect(ids(index, 'морозов')).toEqual(['quiet', 'active'])
    // The order survives a restore.
    const restored = TextIndex.restore(structuredClone(index.snapshot()))
    expect(ids(restored, 'морозов')).toEqual(['quiet', 'active'])
    restored.setLastActivity('active', NOW + 1)
    expect(ids(restored, 'морозов')).toEqual(['active', 'quiet'])
  })

  it('matches across accents, case and scripts', () => {
    const index = indexOf([
      { id: 'fr', messages: ['Le petit-déjeuner est inclus ?'] },
      { id: 'ru', messages: ['Есть ли ПАРКОВКА у отеля?'] },
      { id: 'ar', messages: ['هل يوجد موقف سيارات؟ شكراً'] },
      { id: 'th', messages: ['ราคาห้องรวมอาหารเช้าไหมคะ'] },
    ])
    expect(ids(index, 'dejeuner')).toEqual(['fr'])
    expect(ids(index, 'Déj')).toEqual(['fr'])
    expect(ids(index, 'парковка')).toEqual(['ru'])
    expect(ids(index, 'شكرا')).toEqual(['ar'])
    expect(ids(index, 'ห้อง')).toEqual(['th'])
    expect(ids(index, 'อาหารเช้า')).toEqual(['th'])
  })

  it('searches only the chosen property and only what the caller accepts', () => {
    const index = indexOf([
      { id: 'a', property: 'p1', messages: ['towel please'] },
      { id: 'b', property: 'p2', messages: ['towel please'] },
      { id: 'c', property: 'p2', messages: ['towels'] },
    ])
    expect(ids(index, 'towel', { propertyIds: ['p2'] }).sort()).toEqual(['b', 'c'])
    expect(ids(index, 'towel', { accept: (id: string) => id !== 'b' }).sort()).toEqual(['a', 'c'])
    expect(ids(index, 'towel', { propertyIds: ['p9'] })).toEqual([])
  })

  it('ranks only the best ones past the limit but counts them all', () => {
    const index = new TextIndex()
    for (let i = 0; i < 50; i++) {
      index.setConversation(`c${i}`, 'p1', null)
      index.addMessages([message(`c${i}`, i === 7 ? 'wifi wifi password' : 'wifi', NOW - i * DAY)])
    }
    const outcome = index.search('wifi password', { now: NOW, limit: 5 })
    expect(outcome.total).toBe(1)
    const all = index.search('wifi', { now: NOW, limit: 5 })
    expect(all.total).toBe(50)
    expect(all.hits).toHaveLength(5)
    expect(all.hits.map((h) => h.conversationId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4'])
  })

  it("follows a conversation's messages: new ones are found, missing ones are dropped", () => {
    const index = new TextIndex()
    index.setConversation('a', 'p1', 'Guest')
    const first = message('a', 'hello there')
    index.setMessages('a', [first])
    expect(ids(index, 'hello')).toEqual(['a'])
    const second = message('a', 'and the balcony?')
    index.setMessages('a', [first, second])
    expect(ids(index, 'balcony')).toEqual(['a'])
    expect(index.stats().documents).toBe(3)
    index.setMessages('a', [second])
    expect(ids(index, 'hello')).toEqual([])
    expect(index.stats().documents).toBe(2)
  })

  it('forgets a purged conversation and its name', () => {
    const index = indexOf([{ id: 'a', guest: 'Zoë Lang', messages: ['see you'] }])
    index.removeConversation('a')
    expect(ids(index, 'zoe')).toEqual([])
    expect(ids(index, 'see')).toEqual([])
    expect(index.stats().documents).toBe(0)
  })

  it('renames a guest', () => {
    const index = indexOf([{ id: 'a', guest: 'Old Name' }])
    index.setConversation('a', 'p1', 'New Name')
    expect(ids(index, 'old')).toEqual([])
    expect(ids(index, 'new')).toEqual(['a'])
  })

  it('keeps answering after many conversations were dropped (postings swept)', () => {
    const index = new TextIndex()
    for (let i = 0; i < 40_000; i++) {
      index.setConversation(`c${i}`, 'p1', null)
      index.addMessages([message(`c${i}`, `note ${i % 2 === 0 ? 'even' : 'odd'}`)])
    }
    expect(index.stats().postings).toBe(80_000)
    for (let i = 0; i < 40_000; i += 2) index.removeConversation(`c${i}`)
    expect(index.search('even', { now: NOW }).total).toBe(0)
    expect(index.search('odd', { now: NOW }).total).toBe(20_000)
    expect(index.search('note', { now: NOW }).total).toBe(20_000)
    expect(index.stats().postings).toBe(40_000)
  })

  it('returns UUID message ids exactly as given', () => {
    const index = new TextIndex()
    index.setConversation('a', 'p1', null)
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e'
    index.addMessages([{ messageId: id, conversationId: 'a', timestamp: NOW, content: 'hello' }])
    index.addMessages([
      { messageId: 'Local-1', conversationId: 'a', timestamp: NOW, content: 'bye' },
    ])
    expect(index.search('hello').hits[0]!.messageId).toBe(id)
    expect(index.search('bye').hits[0]!.messageId).toBe('Local-1')
  })

  it('answers over 200,000 messages: word prefixes and guest names (speed: npm run bench)', () => {
    const index = new TextIndex()
    const words = ['hotel', 'room', 'late', 'parking', 'breakfast', 'thanks', 'arrive', 'towel']
    for (let c = 0; c < 20_000; c++) {
      index.setConversation(`c${c}`, `p${c % 6}`, `Guest ${c}`)
      index.addMessages(
        Array.from({ length: 10 }, (_, k) =>
          message(`c${c}`, `${words[(c + k) % 8]} ${words[(c * k) % 8]} ${c}-${k}`, NOW - k * DAY),
        ),
      )
    }
    index.settle()
    const park = index.search('park', { now: NOW })
    // Every conversation has a message with "parking" (k runs over all eight words).
    expect(park.total).toBe(20_000)
    expect(park.terms).toEqual(['park'])
    const guest = index.search('guest 1234', { now: NOW })
    expect(guest.hits[0]).toMatchObject({ conversationId: 'c1234', messageId: null })
    // Issue 11's p95 ≤ 100 ms is measured by the benchmark, never asserted by a test.
  }, 60_000)
})

describe('the index kept between starts', () => {
  const restoredOf = (index: TextIndex) => TextIndex.restore(structuredClone(index.snapshot()))

  it('answers after a restore exactly as before, names and messages, with the matched message', () => {
    const index = indexOf([
      { id: 'a', guest: 'Inês Carvalho', messages: ['Is there parking near the hotel?'] },
      { id: 'b', property: 'p2', guest: 'Tom', messages: ['Late check-in please', 'Parking?'] },
      { id: 'c', messages: ['ห้องพักสะอาดมาก ขอบคุณครับ'] },
    ])
    const restored = restoredOf(index)
    for (const query of ['park', 'parking', 'ines', 'late check', 'สะอาด', 'tom', 'zzz']) {
      expect(restored.search(query, { now: NOW })).toEqual(index.search(query, { now: NOW }))
    }
    expect(ids(restored, 'park', { propertyIds: ['p2'] })).toEqual(['b'])
    expect(restored.stats()).toEqual(index.stats())
  })

  it('keeps growing after a restore: new words, new documents of known words, new conversations', () => {
    const restored = restoredOf(
      indexOf([
        { id: 'a', messages: ['parking near the hotel', 'breakfast included?'] },
        { id: 'b', messages: ['parking for two cars'] },
      ]),
    )
    restored.addMessages([message('a', 'parking for a van'), message('c', 'towels and parking')])
    restored.setConversation('c', 'p1', 'Zoë')
    restored.settle()
    expect(ids(restored, 'parking').sort()).toEqual(['a', 'b', 'c'])
    expect(ids(restored, 'van')).toEqual(['a'])
    expect(ids(restored, 'zoe')).toEqual(['c'])
  })

  it('replaces and forgets conversations after a restore', () => {
    const restored = restoredOf(
      indexOf([
        { id: 'a', messages: ['parking near the hotel'] },
        { id: 'b', messages: ['parking for two cars'] },
      ]),
    )
    restored.setMessages('a', [message('a', 'only breakfast now')])
    restored.removeConversation('b')
    expect(ids(restored, 'parking')).toEqual([])
    expect(ids(restored, 'breakfast')).toEqual(['a'])
  })

  it('keeps ids that are not UUIDs, and dead documents stay dead', () => {
    const index = new TextIndex()
    index.setConversation('a', 'p1', null)
    index.addMessages([
      { messageId: 'legacy-1', conversationId: 'a', timestamp: NOW, content: 'hello there' },
      {
        messageId: '0f8fad5b-d9cb-469f-a165-70867728950e',
        conversationId: 'a',
        timestamp: NOW,
        content: 'hello again',
      },
    ])
    index.setMessages('a', [
      { messageId: 'legacy-1', conversationId: 'a', timestamp: NOW, content: 'hello there' },
    ])
    const restored = restoredOf(index)
    expect(restored.search('hello', { now: NOW }).hits).toEqual([
      expect.objectContaining({ conversationId: 'a', messageId: 'legacy-1' }),
    ])
    expect(ids(restored, 'again')).toEqual([])
  })
})
