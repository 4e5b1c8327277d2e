import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InnboxDb } from '@/db'
import { noFilters, type ListQuery } from '@/search/list-model'
import type { FromReadModel } from '@/search/protocol'
import { createQueryHost, type ReadModelLike } from '@/search/query-host'
import type { ChangeKind, ListAnswer } from '@/search/read-model'

// The worker's side of the inbox list: it answers the latest query at once, and again when
// the store changes; the search index's progress is sent to a search only (issue 11: at 200,000
// conversations each answer sorts and sends every id, and the first build takes minutes). The
// read model is replaced by a double the test drives (its own tests run it on a real store).

let posted: FromReadModel[]
let onChange: (what: ChangeKind) => void
let asked: ListQuery[]
/** What the double answers: the list, and how far the index is; the ids by ordinal. */
let listed: string[]
let names: string[]
let indexed: number

const query = (search: string): ListQuery => ({
  propertyId: 'all',
  filters: { ...noFilters },
  sort: 'replyDeadline',
  search,
  now: 0,
})

const model: ReadModelLike = {
  start: () => {},
  stop: () => {},
  answer: (q) => {
    asked.push(q)
    return {
      loaded: true,
      partial: false,
      order: Int32Array.from(listed, (id) => names.indexOf(id)),
      total: listed.length,
      matches: null,
      terms: [],
      index: { ready: false, indexedMessages: indexed, totalMessages: 100 },
      tookMs: 0,
    } satisfies ListAnswer
  },
  namesFrom: (from) => names.slice(from),
  stats: () => {
    throw new Error('not asked in these tests')
  },
}

let host: ReturnType<typeof createQueryHost>

beforeEach(() => {
  vi.useFakeTimers()
  posted = []
  asked = []
  listed = ['a', 'b']
  names = ['a', 'b']
  indexed = 0
  host = createQueryHost(
    {} as InnboxDb,
    (message) => posted.push(message),
    (_db, changed) => {
      onChange = changed
      return model
    },
  )
})

afterEach(() => {
  host.stop()
  vi.useRealTimers()
})

describe("the inbox worker's host", () => {
  it('answers a query at once, and again once for a burst of list changes', () => {
    host.receive({ type: 'query', id: 1, query: query('') })
    expect(posted).toHaveLength(1)
    listed = ['b', 'a']
    onChange('list')
    onChange('list')
    vi.advanceTimersByTime(200)
    expect(posted).toHaveLength(2)
    expect(posted.every((message) => message.type === 'result' && message.id === 1)).toBe(true)
  })

  it('does not send the list again when only the search index grew', () => {
    host.receive({ type: 'query', id: 1, query: query('') })
    for (let page = 0; page < 10; page += 1) {
      onChange('index')
      vi.advanceTimersByTime(200)
    }
    expect(posted).toHaveLength(1)
    expect(asked).toHaveLength(1)
  })

  it("sends a search the index's progress", () => {
    host.receive({ type: 'query', id: 2, query: query('parking') })
    for (let page = 0; page < 3; page += 1) {
      indexed += 10
      onChange('index')
      vi.advanceTimersByTime(200)
    }
    expect(posted).toHaveLength(4)
    expect(asked.every((q) => q.search === 'parking')).toBe(true)
  })

  it('sends nothing when a change leaves the answer as it was (a conversation marked read)', () => {
    host.receive({ type: 'query', id: 1, query: query('') })
    onChange('list')
    vi.advanceTimersByTime(200)
    expect(asked).toHaveLength(2)
    expect(posted).toHaveLength(1)
    // A new query is always answered, even with the same list.
    host.receive({ type: 'query', id: 2, query: query('') })
    expect(posted).toHaveLength(2)
  })

  it('names each conversation once, with the first answer that may name it', () => {
    host.receive({ type: 'query', id: 1, query: query('') })
    listed = ['c', 'a']
    names = ['a', 'b', 'c']
    onChange('list')
    vi.advanceTimersByTime(200)
    host.receive({ type: 'query', id: 2, query: query('') })
    const results = posted.filter((message) => message.type === 'result')
    expect(results.map((message) => message.names)).toEqual([
      { from: 0, ids: ['a', 'b'] },
      { from: 2, ids: ['c'] },
      null,
    ])
    expect(results.map((message) => [...message.result.order])).toEqual([
      [0, 1],
      [2, 0],
      [2, 0],
    ])
  })
})
