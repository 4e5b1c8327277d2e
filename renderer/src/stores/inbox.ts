import { defineStore } from 'pinia'
import { computed, markRaw, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { useLiveQuery } from '@/composables/useLiveQuery'
import type { InnboxDb, StoreError } from '@/db'
import { propertySummaries, type PropertySummary } from '@/db/inbox-queries'
import { resyncStore, type ResyncOutcome } from '@/db/resync'
import {
  createInboxQueryClient,
  hasFirstPage,
  inboxSorts,
  noFilters,
  readFirstPage,
  type InboxFilters,
  type InboxQueryClient,
  type InboxSort,
  type ListQuery,
  type ListResult,
} from '@/search'
import { stayStages } from '@shared/stays'
import { useSyncStore } from './sync'

/**
 * The inbox's session state: which property, filters, sort, search and conversation are
 * selected (kept for the session in sessionStorage). The list itself comes from the read model
 * in a worker (search/), which follows the store live; the sidebar reads the maintained
 * counters. Other panes read `selectedConversationId` and call `selectConversation`,
 * `selectNext` and `selectPrevious`.
 */
export const useInboxStore = defineStore('inbox', () => {
  const sync = useSyncStore()
  const saved = readSession()
  const selectedPropertyId = ref<string>(saved.selectedPropertyId)
  const filters = ref<InboxFilters>(saved.filters)
  const sort = ref<InboxSort>(saved.sort)
  const searchText = ref(saved.searchText)
  const selectedConversationId = ref<string | null>(saved.selectedConversationId)

  // Stages and reply countdowns are comparisons with now: they move with it.
  const now = shallowRef(Date.now())
  const ticker = setInterval(() => (now.value = Date.now()), 30_000)
  onScopeDispose(() => clearInterval(ticker))

  const properties = useLiveQuery(
    () => sync.db,
    (db) => (db ? propertySummaries(db) : Promise.resolve([])),
    [] as PropertySummary[],
  )

  // Results as you type, without a query per keystroke.
  const appliedSearch = ref(saved.searchText)
  let searchTimer: ReturnType<typeof setTimeout> | undefined
  watch(
    searchText,
    (text) => {
      clearTimeout(searchTimer)
      // Clearing the search shows the whole list at once.
      if (text.trim() === '') appliedSearch.value = ''
      else searchTimer = setTimeout(() => (appliedSearch.value = text), SEARCH_DEBOUNCE_MS)
    },
    { flush: 'sync' },
  )

  const query = computed<ListQuery>(() => ({
    propertyId: selectedPropertyId.value,
    filters: { ...filters.value },
    sort: sort.value,
    search: appliedSearch.value,
    now: now.value,
  }))

  /** The read model's latest answer. */
  const answer = shallowRef<ListResult | null>(null)
  /**
   * Until the read model has read the whole store (seconds at 20,000 conversations), the plain
   * list's first rows read from the indexes (search/first-page.ts), for the query they answer.
   */
  const firstPage = shallowRef<{ key: string; result: ListResult } | null>(null)
  const result = computed<ListResult | null>(() => {
    if (answer.value?.loaded) return answer.value
    const first = firstPage.value
    return first && first.key === firstPageKey(query.value) ? first.result : answer.value
  })
  const listError = shallowRef<StoreError | null>(null)
  /**
   * How many answers the list has taken. Answers to older queries are dropped (search/client.ts),
   * so one counted after a change of the query answers it: the list pane shows this as
   * `data-answers` for the benchmark's probe (tests/bench/probes.ts), which could otherwise
   * take an unrelated change of the screen for the answer.
   */
  const answers = ref(0)
  let client: InboxQueryClient | null = null
  let firstPageTicket = 0
  function readFirst(db: InnboxDb, asked: ListQuery): void {
    if (answer.value?.loaded || !hasFirstPage(asked)) return
    const ticket = ++firstPageTicket
    readFirstPage(db, asked).then(
      (first) => {
        if (ticket !== firstPageTicket || !first || answer.value?.loaded) return
        firstPage.value = { key: firstPageKey(asked), result: markRaw(first) }
        answers.value += 1
      },
      // Only a head start: the read model's answer (or its failure) follows anyway.
      () => undefined,
    )
  }
  function connect(db: InnboxDb | null): void {
    client?.dispose()
    client = null
    answer.value = null
    firstPage.value = null
    firstPageTicket += 1
    listError.value = null
    if (!db) return
    client = createInboxQueryClient(db)
    client.onResult((next) => {
      answer.value = markRaw(next)
      answers.value += 1
      if (next.loaded) firstPage.value = null
      listError.value = null
    })
    client.onFailure((error) => (listError.value = markRaw(error)))
    client.setQuery(query.value)
    readFirst(db, query.value)
  }
  watch(() => sync.db, connect, { immediate: true })
  watch(query, (next) => {
    client?.setQuery(next)
    if (sync.db) readFirst(sync.db, next)
  })
  onScopeDispose(() => client?.dispose())

  const conversationIds = computed<readonly string[]>(() => result.value?.ids ?? [])
  /** The read model has read the whole store once (or failed to): the start's heavy read is over. */
  const listSettled = computed(() => answer.value?.loaded === true || listError.value !== null)
  /**
   * The list shows its rows (the first page read from the indexes, or the read model's answer),
   * or its failure: the desk can be used, while the read model may still be reading the store.
   */
  const listShown = computed(() => result.value?.loaded === true || listError.value !== null)
  const loading = computed(
    () => sync.storeError === null && listError.value === null && !result.value?.loaded,
  )
  const searching = computed(() => appliedSearch.value.trim() !== '')
  const filtersActive = computed(() => JSON.stringify(filters.value) !== JSON.stringify(noFilters))

  function selectConversation(id: string | null): void {
    selectedConversationId.value = id
  }

  function move(step: 1 | -1): void {
    const ids = conversationIds.value
    if (ids.length === 0) return
    const at = selectedConversationId.value ? ids.indexOf(selectedConversationId.value) : -1
    const next = at === -1 ? (step === 1 ? 0 : ids.length - 1) : at + step
    selectConversation(ids[Math.min(ids.length - 1, Math.max(0, next))]!)
  }

  const selectNext = () => move(1)
  const selectPrevious = () => move(-1)

  function selectProperty(propertyId: string): void {
    selectedPropertyId.value = propertyId
  }

  function setFilters(patch: Partial<InboxFilters>): void {
    filters.value = { ...filters.value, ...patch }
  }

  function clearFilters(): void {
    filters.value = { ...noFilters }
  }

  function setSort(next: InboxSort): void {
    sort.value = next
  }

  function setSearchText(text: string): void {
    searchText.value = text
  }

  /** "Try again" after a failure: open the store again, or read it again. */
  async function retry(): Promise<void> {
    if (sync.db) connect(sync.db)
    else await sync.start()
  }

  /** The read model's own measurements (index size, build and search times). */
  function searchStats() {
    return client?.stats() ?? Promise.resolve(null)
  }

  /**
   * Starts the offline store again from the platform, keeping the outbox, drafts, templates and
   * settings (db/resync.ts). Safe from any state: the store is closed first.
   */
  async function resync(): Promise<ResyncOutcome> {
    const name = sync.db?.name
    await sync.stop()
    sync.db?.close()
    client?.dispose()
    client = null
    const outcome = await resyncStore(name ? { name } : {})
    if (outcome.ok) {
      selectedConversationId.value = null
      await sync.start()
    }
    return outcome
  }

  watch(
    [selectedPropertyId, filters, sort, searchText, selectedConversationId],
    () =>
      writeSession({
        selectedPropertyId: selectedPropertyId.value,
        filters: filters.value,
        sort: sort.value,
        searchText: searchText.value,
        selectedConversationId: selectedConversationId.value,
      }),
    { deep: true },
  )

  return {
    selectedPropertyId,
    filters,
    sort,
    searchText,
    appliedSearch,
    selectedConversationId,
    now,
    properties: properties.value,
    propertiesLoading: properties.loading,
    result,
    answers,
    conversationIds,
    loading,
    listSettled,
    listShown,
    listError,
    searching,
    filtersActive,
    selectConversation,
    selectNext,
    selectPrevious,
    selectProperty,
    setFilters,
    clearFilters,
    setSort,
    setSearchText,
    searchStats,
    retry,
    resync,
  }
})

/** The first page answers a query whatever the clock's tick: it is replaced within seconds. */
function firstPageKey(query: ListQuery): string {
  return JSON.stringify({ ...query, now: 0 })
}

export const SEARCH_DEBOUNCE_MS = 120
const SESSION_KEY = 'innbox.inbox'

interface InboxSession {
  selectedPropertyId: string
  filters: InboxFilters
  sort: InboxSort
  searchText: string
  selectedConversationId: string | null
}

/** What this window had selected before a reload; anything unreadable falls back to defaults. */
function readSession(): InboxSession {
  const stored = parseSession(() => sessionStorage.getItem(SESSION_KEY))
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback)
  const date = (value: unknown) =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null
  const f = (stored.filters ?? {}) as Partial<InboxFilters>
  return {
    selectedPropertyId: text(stored.selectedPropertyId, 'all'),
    filters: {
      needsReply: f.needsReply === true,
      unread: f.unread === true,
      stage: (stayStages as readonly string[]).includes(f.stage as string) ? f.stage! : 'all',
      arrivalFrom: date(f.arrivalFrom),
      arrivalTo: date(f.arrivalTo),
    },
    sort: inboxSorts.includes(stored.sort as InboxSort) ? stored.sort! : 'replyDeadline',
    searchText: text(stored.searchText, ''),
    selectedConversationId:
      typeof stored.selectedConversationId === 'string' ? stored.selectedConversationId : null,
  }
}

function parseSession(read: () => string | null): Partial<InboxSession> {
  try {
    const value: unknown = JSON.parse(read() ?? '{}')
    return value && typeof value === 'object' ? (value as Partial<InboxSession>) : {}
  } catch {
    return {}
  }
}

function writeSession(session: InboxSession): void {
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session))
  } catch {
    // A full or disabled sessionStorage only costs the selection after a reload.
  }
}
