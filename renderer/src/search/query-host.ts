import type { InnboxDb, StoreError } from '@/db'
import type { ListQuery } from './list-model'
import type { FromReadModel, ToReadModel } from './protocol'
import { InboxReadModel, type ChangeKind, type ListAnswer } from './read-model'

// The read model behind a message port: it answers the latest query at once, and again
// (at most every RERUN_MS) whenever the store changes, so the list follows the store live.

const RERUN_MS = 120

/** What the host needs of the read model (a test gives its own). */
export type ReadModelLike = Pick<
  InboxReadModel,
  'start' | 'stop' | 'answer' | 'namesFrom' | 'stats'
>

export function createQueryHost(
  db: InnboxDb,
  post: (message: FromReadModel) => void,
  createModel: (
    db: InnboxDb,
    onChange: (what: ChangeKind) => void,
    onFailure: (error: unknown) => void,
  ) => ReadModelLike = (...args) => new InboxReadModel(...args),
) {
  let active: { id: number; query: ListQuery } | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  /** What the page holds: the last answer sent, and to which query; how many ids it knows. */
  let sent: { id: number; result: ListAnswer } | null = null
  let named = 0

  function run(): void {
    if (!active) return
    const result = model.answer(active.query)
    // A write that changes no answer (marking read keeps the order of a list not filtered by
    // it) sends nothing: at 200,000 conversations the page would take in and draw the list
    // again while it draws the conversation just opened (issue 11).
    if (sent?.id === active.id && sameAnswer(sent.result, result)) return
    sent = { id: active.id, result }
    const ids = model.namesFrom(named)
    const names = ids.length > 0 ? { from: named, ids } : null
    named += ids.length
    // The order is transferred to the page (the worker's copy is then gone): a copy is sent.
    post({
      type: 'result',
      id: active.id,
      result: { ...result, order: result.order.slice() },
      names,
    })
  }

  function changed(what: ChangeKind): void {
    // The index's progress matters to a search only: at 200,000 conversations each answer is
    // a sort and 200,000 ids sent to the page, and the first build grows the index every
    // fraction of a second for minutes (issue 11).
    if (what === 'index' && active?.query.search.trim() === '') return
    if (timer !== null) return
    timer = setTimeout(() => {
      timer = null
      run()
    }, RERUN_MS)
  }

  const model = createModel(db, changed, (error) => {
    const failure = error as StoreError
    post({ type: 'failed', code: failure.code, message: failure.message })
  })
  model.start()

  return {
    receive(message: ToReadModel): void {
      if (message.type === 'query') {
        active = { id: message.id, query: message.query }
        run()
      } else if (message.type === 'stats') {
        post({ type: 'stats', id: message.id, stats: model.stats() })
      }
    },
    stop(): void {
      if (timer !== null) clearTimeout(timer)
      model.stop()
    },
  }
}

/** Whether the page would show the same list (the time an answer took aside). */
export function sameAnswer(a: ListAnswer, b: ListAnswer): boolean {
  return (
    a.loaded === b.loaded &&
    a.partial === b.partial &&
    a.total === b.total &&
    a.index.ready === b.index.ready &&
    a.index.indexedMessages === b.index.indexedMessages &&
    a.index.totalMessages === b.index.totalMessages &&
    sameList(a.order, b.order) &&
    sameList(a.matches ?? [], b.matches ?? []) &&
    (a.matches === null) === (b.matches === null) &&
    sameList(a.terms, b.terms)
  )
}

function sameList<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false
  return true
}
