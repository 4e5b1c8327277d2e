import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InnboxDb } from '@/db'
import { createInboxQueryClient } from '@/search/client'
import { noFilters, type ListQuery } from '@/search/list-model'
import type { FromReadModel, ToReadModel } from '@/search/protocol'
import type { ListAnswer, ListResult } from '@/search/read-model'

// The page's side of the inbox worker's protocol: answers name conversations by ordinal, and
// each id crosses once, with the first answer that names it (issue 11: 200,000 ids per answer
// took 50–110 ms to copy). The worker is replaced by a double the test speaks for.

class FakeWorker {
  static last: FakeWorker | null = null
  readonly sent: ToReadModel[] = []
  private readonly listeners: ((event: MessageEvent<FromReadModel>) => void)[] = []
  constructor() {
    FakeWorker.last = this
  }
  addEventListener(type: string, listener: (event: MessageEvent<FromReadModel>) => void) {
    if (type === 'message') this.listeners.push(listener)
  }
  postMessage(message: ToReadModel) {
    this.sent.push(message)
  }
  terminate() {}
  answer(message: FromReadModel) {
    for (const listener of this.listeners)
      listener({ data: message } as MessageEvent<FromReadModel>)
  }
}

const query = (sort: ListQuery['sort']): ListQuery => ({
  propertyId: 'all',
  filters: { ...noFilters },
  sort,
  search: '',
  now: 0,
})

function answer(order: number[]): ListAnswer {
  return {
    loaded: true,
    partial: false,
    order: Int32Array.from(order),
    total: order.length,
    matches: null,
    terms: [],
    index: { ready: true, indexedMessages: 0, totalMessages: 0 },
    tookMs: 0,
  }
}

beforeEach(() => vi.stubGlobal('Worker', FakeWorker))
afterEach(() => vi.unstubAllGlobals())

describe('the inbox query client', () => {
  it('gives listeners ids, learning them from every answer, also one it drops', () => {
    const client = createInboxQueryClient({ name: 'innbox' } as InnboxDb, { inWorker: true })
    const results: ListResult[] = []
    client.onResult((result) => results.push(result))
    client.setQuery(query('replyDeadline'))
    client.setQuery(query('lastActivity'))
    const worker = FakeWorker.last!
    expect(worker.sent.map((m) => m.type)).toEqual(['open', 'query', 'query'])
    // The answer to the first query comes late: dropped, but the ids it teaches are kept.
    worker.answer({
      type: 'result',
      id: 1,
      result: answer([2, 0, 1]),
      names: { from: 0, ids: ['a', 'b', 'c'] },
    })
    expect(results).toEqual([])
    worker.answer({ type: 'result', id: 2, result: answer([1, 2]), names: null })
    worker.answer({ type: 'result', id: 2, result: answer([3, 0]), names: { from: 3, ids: ['d'] } })
    expect(results.map((r) => r.ids)).toEqual([
      ['b', 'c'],
      ['d', 'a'],
    ])
    expect(results[1]).toMatchObject({ total: 2, loaded: true, matches: null })
    expect(results[1]).not.toHaveProperty('order')
    client.dispose()
  })
})
