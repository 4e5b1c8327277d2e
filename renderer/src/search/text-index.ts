import { MIN_PREFIX_LENGTH, termMatches } from './highlight'
import { MessageIds, type MessageIdsSnapshot } from './message-ids'
import { numberOf } from './numbering'
import { queryTerms, termsOf } from './tokenize'

// The full-text index of the inbox: every stored message and every guest name, in memory.
// Built for hundreds of thousands of messages in a worker: documents are numbers in flat typed
// arrays, a word's postings are a number (one document, the common case) or an array of small
// integers, and no text is kept — only which documents hold which words. Words are found by
// prefix through a sorted term list (binary search), so results come as you type. A query
// touches only the postings of its terms; only the best `limit` conversations are sorted.
//
// Matching is per conversation: a conversation matches when every term of the query is found
// in it, in its guest's name or in any of its messages; its best document (the one holding the
// most of the query, a name counting more) gives its score and the snippet shown.

export interface IndexedMessage {
  messageId: string
  conversationId: string
  timestamp: number
  content: string
}

export interface SearchHit {
  conversationId: string
  /** The message shown as the match; null when the guest's name matched best. */
  messageId: string | null
  score: number
}

export interface SearchOutcome {
  /** Best first, at most `limit` of them. */
  hits: SearchHit[]
  /** How many conversations matched (and were accepted), ranked or not. */
  total: number
  /** The folded terms searched for, for highlighting. */
  terms: string[]
}

export interface SearchOptions {
  /** Only these properties' conversations. */
  propertyIds?: readonly string[]
  /** Only conversations the caller accepts (the list's filters), before ranking. */
  accept?: (conversationId: string) => boolean
  /** For the recency of the ranking; without it, only the words count. */
  now?: number
  /** Ranked hits returned; the rest are only counted. */
  limit?: number
}

export interface IndexStats {
  conversations: number
  documents: number
  terms: number
  postings: number
  /** An estimate from the sizes of the structures, not a heap measurement. */
  approximateBytes: number
}

/** A 50 KB message adds its first words only: enough to find it, bounded in memory. */
const MAX_TERMS_PER_DOCUMENT = 2_000
const NAME_WEIGHT = 1.5
const PREFIX_WEIGHT = 0.75
const RECENCY_WEIGHT = 0.3
const RECENCY_SCALE_MS = 30 * 24 * 60 * 60 * 1000
/** New terms wait in an unsorted list until there are this many, then are merged in. */
const PENDING_MERGE_AT = 8_192
export const DEFAULT_HIT_LIMIT = 2_000
/** Dead documents are swept from the postings once they are this many and a third of all. */
const COMPACT_AT = 20_000

/** One document, documents added since start, or documents restored from a snapshot. */
type Postings = number | number[] | Int32Array

/** The index as plain data (typed arrays): what `snapshot` gives and `restore` takes. */
export interface TextIndexSnapshot {
  conversationIds: string[]
  conversationProperty: Int32Array
  conversationNameDoc: Int32Array
  /** Property ids, in the order of their numbers. */
  propertyIds: string[]
  docCount: number
  docConversation: Int32Array
  docTime: Float64Array
  docAlive: Uint8Array
  docMessage: MessageIdsSnapshot
  liveDocs: number
  deadDocs: number
  /** Every word, sorted; word i's documents are postingDocs[postingStarts[i] .. postingStarts[i + 1]]. */
  terms: string[]
  postingStarts: Int32Array
  postingDocs: Int32Array
}

interface Expansion {
  postings: Postings
  weight: number
}

export class TextIndex {
  private readonly conversationIds: string[] = []
  private readonly conversationNumbers = new Map<string, number>()
  private readonly conversationProperty: number[] = []
  private readonly conversationDocs: number[][] = []
  private readonly conversationNameDoc: number[] = []
  private readonly propertyNumbers = new Map<string, number>()

  private docCount = 0
  private docConversation = new Int32Array(1_024)
  private docTime = new Float64Array(1_024)
  private docAlive = new Uint8Array(1_024)
  private docMessage = new MessageIds()
  private liveDocs = 0
  private deadDocs = 0

  private readonly postings = new Map<string, Postings>()
  private postingCount = 0
  private sortedTerms: string[] = []
  private pendingTerms: string[] = []

  // Scratch space of a search, sized to the index and cleared after each use.
  private docMask = new Int32Array(0)
  private docScore = new Float64Array(0)
  private convMask = new Int32Array(0)
  private convBest = new Int32Array(0)

  /**
   * The whole index as plain data, to be kept between starts (db/snapshots.ts) and given to
   * `restore`: typed arrays, so saving and loading it copies memory rather than walking objects.
   */
  snapshot(): TextIndexSnapshot {
    this.mergePendingTerms(0)
    const terms = this.sortedTerms
    const postingStarts = new Int32Array(terms.length + 1)
    let total = 0
    terms.forEach((term, i) => {
      postingStarts[i] = total
      const postings = this.postings.get(term)!
      total += typeof postings === 'number' ? 1 : postings.length
    })
    postingStarts[terms.length] = total
    const postingDocs = new Int32Array(total)
    terms.forEach((term, i) => {
      const postings = this.postings.get(term)!
      if (typeof postings === 'number') postingDocs[postingStarts[i]!] = postings
      else postingDocs.set(postings, postingStarts[i]!)
    })
    const count = this.docCount
    return {
      conversationIds: [...this.conversationIds],
      conversationProperty: Int32Array.from(this.conversationProperty),
      conversationNameDoc: Int32Array.from(this.conversationNameDoc),
      propertyIds: [...this.propertyNumbers.keys()],
      docCount: count,
      docConversation: this.docConversation.slice(0, count),
      docTime: this.docTime.slice(0, count),
      docAlive: this.docAlive.slice(0, count),
      docMessage: this.docMessage.snapshot(count),
      liveDocs: this.liveDocs,
      deadDocs: this.deadDocs,
      terms: [...terms],
      postingStarts,
      postingDocs,
    }
  }

  /** An index as `snapshot` gave it. */
  static restore(snapshot: TextIndexSnapshot): TextIndex {
    const index = new TextIndex()
    const conversations = snapshot.conversationIds.length
    for (let c = 0; c < conversations; c++) {
      const id = snapshot.conversationIds[c]!
      index.conversationIds.push(id)
      index.conversationNumbers.set(id, c)
      index.conversationProperty.push(snapshot.conversationProperty[c]!)
      index.conversationNameDoc.push(snapshot.conversationNameDoc[c]!)
      index.conversationDocs.push([])
    }
    snapshot.propertyIds.forEach((id, number) => index.propertyNumbers.set(id, number))
    const count = snapshot.docCount
    const capacity = Math.max(1_024, count)
    index.docCount = count
    index.docConversation = new Int32Array(capacity)
    index.docConversation.set(snapshot.docConversation)
    index.docTime = new Float64Array(capacity)
    index.docTime.set(snapshot.docTime)
    index.docAlive = new Uint8Array(capacity)
    index.docAlive.set(snapshot.docAlive)
    index.docMessage = MessageIds.restore(snapshot.docMessage)
    // A conversation's documents are its living messages, in the order they were added.
    for (let doc = 0; doc < count; doc++) {
      if (index.docAlive[doc] === 1 && index.docMessage.has(doc))
        index.conversationDocs[index.docConversation[doc]!]!.push(doc)
    }
    index.liveDocs = snapshot.liveDocs
    index.deadDocs = snapshot.deadDocs
    const { terms, postingStarts, postingDocs } = snapshot
    for (let i = 0; i < terms.length; i++) {
      const from = postingStarts[i]!
      const to = postingStarts[i + 1]!
      // Views into one buffer: a word that gets a new document is copied to an array then.
      index.postings.set(
        terms[i]!,
        to - from === 1 ? postingDocs[from]! : postingDocs.subarray(from, to),
      )
    }
    index.postingCount = postingDocs.length
    index.sortedTerms = [...terms]
    return index
  }

  /**
   * Sets the conversation's property and guest name (both searched and filtered by). The name's
   * time is the conversation's last activity: of two guests matching a name equally, the one
   * active more recently comes first.
   */
  setConversation(
    conversationId: string,
    propertyId: string,
    guestName: string | null,
    lastActivityAt = 0,
  ): void {
    const conversation = this.conversationNumber(conversationId)
    this.conversationProperty[conversation] = this.propertyNumber(propertyId)
    const nameDoc = this.conversationNameDoc[conversation]!
    if (nameDoc >= 0) this.kill(nameDoc)
    this.conversationNameDoc[conversation] = guestName
      ? this.addDocument(conversation, null, lastActivityAt, guestName)
      : -1
  }

  /** A conversation's last activity changed: its name document orders by it among equals. */
  setLastActivity(conversationId: string, lastActivityAt: number): void {
    const conversation = this.conversationNumbers.get(conversationId)
    if (conversation === undefined) return
    const nameDoc = this.conversationNameDoc[conversation]!
    if (nameDoc >= 0) this.docTime[nameDoc] = lastActivityAt
  }

  /**
   * Adds messages known not to be indexed yet (the first build reads each message once, in key
   * order). A message's text never changes (rule 7), so a message is never indexed twice.
   */
  addMessages(messages: readonly IndexedMessage[]): void {
    for (const message of messages) {
      const conversation = this.conversationNumber(message.conversationId)
      this.conversationDocs[conversation]!.push(
        this.addDocument(conversation, message.messageId, message.timestamp, message.content),
      )
    }
  }

  /** Makes a conversation's messages exactly these: adds the new ones, drops the missing ones. */
  setMessages(conversationId: string, messages: readonly IndexedMessage[]): void {
    const conversation = this.conversationNumber(conversationId)
    const wanted = new Set(messages.map((m) => m.messageId))
    const indexed = new Set<string>()
    this.conversationDocs[conversation] = this.conversationDocs[conversation]!.filter((doc) => {
      const id = this.docMessage.get(doc)!
      if (wanted.has(id) && !indexed.has(id)) {
        indexed.add(id)
        return true
      }
      this.kill(doc)
      return false
    })
    this.addMessages(messages.filter((m) => !indexed.has(m.messageId)))
    this.compactIfWorthIt()
  }

  /** Forgets a conversation (purged by rule 3, or gone from the account). */
  removeConversation(conversationId: string): void {
    const conversation = this.conversationNumbers.get(conversationId)
    if (conversation === undefined) return
    for (const doc of this.conversationDocs[conversation]!) this.kill(doc)
    this.conversationDocs[conversation] = []
    const nameDoc = this.conversationNameDoc[conversation]!
    if (nameDoc >= 0) this.kill(nameDoc)
    this.conversationNameDoc[conversation] = -1
    this.compactIfWorthIt()
  }

  /** Ends a bulk load: later searches need not scan the new terms one by one. */
  settle(): void {
    this.mergePendingTerms(0)
    // Arrays grown by push keep spare room; exact copies give it back after a bulk load.
    for (const [term, postings] of this.postings) {
      if (typeof postings !== 'number' && postings.length > 8)
        this.postings.set(term, postings.slice())
    }
  }

  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const terms = queryTerms(query)
    if (terms.length === 0) return { hits: [], total: 0, terms }
    this.mergePendingTerms(PENDING_MERGE_AT)
    const scope = options.propertyIds
      ? new Set(options.propertyIds.map((id) => this.propertyNumbers.get(id) ?? -1))
      : null
    const expansions = terms.map((term) => this.expand(term))
    // The rarest term first: later terms only look at conversations still in the running.
    const order = terms.map((_, i) => i).sort((a, b) => size(expansions[a]!) - size(expansions[b]!))
    this.ensureScratch()
    const { docAlive, docConversation, docMask, docScore, convMask, conversationProperty } = this
    const touchedDocs: number[] = []
    const touchedConvs: number[] = []
    let required = 0
    const visit = (doc: number, bit: number, weight: number) => {
      if (docAlive[doc] === 0) return
      const conversation = docConversation[doc]!
      const mask = convMask[conversation]!
      if ((mask & required) !== required) return
      if (scope !== null && !scope.has(conversationProperty[conversation]!)) return
      const docBits = docMask[doc]!
      if (docBits === 0) touchedDocs.push(doc)
      if ((docBits & bit) === 0) {
        docMask[doc] = docBits | bit
        docScore[doc] = docScore[doc]! + weight
      }
      if (mask === 0) touchedConvs.push(conversation)
      convMask[conversation] = mask | bit
    }
    for (const index of order) {
      const bit = 1 << index
      for (const { postings, weight } of expansions[index]!) {
        if (typeof postings === 'number') visit(postings, bit, weight)
        else for (let i = 0; i < postings.length; i++) visit(postings[i]!, bit, weight)
      }
      required |= bit
    }
    const outcome = this.rank(touchedDocs, touchedConvs, required, options)
    for (const doc of touchedDocs) {
      docMask[doc] = 0
      docScore[doc] = 0
    }
    for (const conversation of touchedConvs) convMask[conversation] = 0
    return { ...outcome, terms }
  }

  stats(): IndexStats {
    let termBytes = 0
    for (const term of this.postings.keys()) termBytes += 48 + term.length * 2
    return {
      conversations: this.conversationIds.length,
      documents: this.liveDocs,
      terms: this.postings.size,
      postings: this.postingCount,
      approximateBytes:
        termBytes +
        this.postingCount * 4 +
        this.docConversation.byteLength +
        this.docTime.byteLength +
        this.docAlive.byteLength +
        this.docMessage.byteLength +
        this.conversationIds.length * 120 +
        this.docMask.byteLength +
        this.docScore.byteLength +
        this.convMask.byteLength +
        this.convBest.byteLength,
    }
  }

  /** Each matching conversation's best document; the best `limit` conversations sorted. */
  private rank(
    touchedDocs: readonly number[],
    touchedConvs: readonly number[],
    full: number,
    { accept, now, limit = DEFAULT_HIT_LIMIT }: SearchOptions,
  ): { hits: SearchHit[]; total: number } {
    const { docConversation, docScore, docTime, convMask, convBest } = this
    const scores = new Float64Array(touchedDocs.length)
    for (let i = 0; i < touchedDocs.length; i++) {
      const doc = touchedDocs[i]!
      const conversation = docConversation[doc]!
      if (convMask[conversation] !== full) continue
      const isName = !this.docMessage.has(doc)
      // Recent messages weigh a little more: today's guests matter more than last year's.
      const age = now === undefined || isName ? Infinity : Math.max(0, now - docTime[doc]!)
      const weight = isName ? NAME_WEIGHT : 1 + RECENCY_WEIGHT * Math.exp(-age / RECENCY_SCALE_MS)
      scores[i] = docScore[doc]! * weight
      const best = convBest[conversation]! - 1
      if (
        best < 0 ||
        scores[i]! > scores[best]! ||
        (scores[i] === scores[best] && docTime[doc]! > docTime[touchedDocs[best]!]!)
      ) {
        convBest[conversation] = i + 1
      }
    }
    const candidates: { conversation: number; at: number }[] = []
    for (const conversation of touchedConvs) {
      const best = convBest[conversation]! - 1
      convBest[conversation] = 0
      if (best < 0) continue
      if (accept && !accept(this.conversationIds[conversation]!)) continue
      candidates.push({ conversation, at: best })
    }
    const total = candidates.length
    let kept = candidates
    if (candidates.length > limit) {
      // Only the best `limit` are sorted: find the score they must reach first.
      const all = Float64Array.from(candidates, (c) => scores[c.at]!).sort()
      const threshold = all[all.length - limit]!
      kept = candidates.filter((c) => scores[c.at]! >= threshold)
    }
    kept.sort(
      (a, b) =>
        scores[b.at]! - scores[a.at]! ||
        docTime[touchedDocs[b.at]!]! - docTime[touchedDocs[a.at]!]!,
    )
    return {
      total,
      hits: kept.slice(0, limit).map(({ conversation, at }) => ({
        conversationId: this.conversationIds[conversation]!,
        messageId: this.docMessage.get(touchedDocs[at]!),
        score: scores[at]!,
      })),
    }
  }

  /**
   * The index words a query term stands for: itself, and every word it begins (as you type).
   * All of them weigh the term's rarity over the lot, so an exact word always outranks a word
   * it only begins, and rare query terms outrank common ones.
   */
  private expand(term: string): Expansion[] {
    const words: string[] = []
    if (term.length < MIN_PREFIX_LENGTH) {
      if (this.postings.has(term)) words.push(term)
    } else {
      for (let i = lowerBound(this.sortedTerms, term); i < this.sortedTerms.length; i++) {
        const word = this.sortedTerms[i]!
        if (!word.startsWith(term)) break
        words.push(word)
      }
      for (const word of this.pendingTerms) if (termMatches(word, term)) words.push(word)
    }
    const found = words.map((word) => ({ word, postings: this.postings.get(word)!, weight: 0 }))
    const documents = size(found)
    const idf = Math.log(1 + (this.liveDocs + 1) / (1 + documents))
    return found.map(({ word, postings }) => ({
      postings,
      weight: idf * (word === term ? 1 : PREFIX_WEIGHT),
    }))
  }

  private addDocument(
    conversation: number,
    messageId: string | null,
    time: number,
    text: string,
  ): number {
    const doc = this.docCount++
    if (doc >= this.docConversation.length) this.growDocuments()
    this.docConversation[doc] = conversation
    this.docTime[doc] = time
    this.docAlive[doc] = 1
    this.docMessage.set(doc, messageId)
    this.liveDocs++
    for (const term of termsOf(text, MAX_TERMS_PER_DOCUMENT)) {
      const postings = this.postings.get(term)
      if (postings === undefined) {
        this.postings.set(term, doc)
        this.pendingTerms.push(term)
      } else if (typeof postings === 'number') {
        this.postings.set(term, [postings, doc])
      } else if (Array.isArray(postings)) {
        postings.push(doc)
      } else {
        const grown = Array.from(postings)
        grown.push(doc)
        this.postings.set(term, grown)
      }
      this.postingCount++
    }
    return doc
  }

  private growDocuments(): void {
    const capacity = this.docConversation.length * 2
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, made: T): T => {
      made.set(old)
      return made
    }
    this.docConversation = grow(this.docConversation, new Int32Array(capacity))
    this.docTime = grow(this.docTime, new Float64Array(capacity))
    this.docAlive = grow(this.docAlive, new Uint8Array(capacity))
  }

  private kill(doc: number): void {
    if (this.docAlive[doc] === 0) return
    this.docAlive[doc] = 0
    this.liveDocs--
    this.deadDocs++
  }

  private compactIfWorthIt(): void {
    if (this.deadDocs < COMPACT_AT || this.deadDocs * 3 < this.liveDocs) return
    this.mergePendingTerms(0)
    const remaining: string[] = []
    this.postingCount = 0
    for (const term of this.sortedTerms) {
      const postings = this.postings.get(term)!
      const alive = (typeof postings === 'number' ? [postings] : postings).filter(
        (doc) => this.docAlive[doc] === 1,
      )
      if (alive.length === 0) {
        this.postings.delete(term)
        continue
      }
      this.postings.set(term, alive.length === 1 ? alive[0]! : alive)
      this.postingCount += alive.length
      remaining.push(term)
    }
    this.sortedTerms = remaining
    this.deadDocs = 0
  }

  private mergePendingTerms(threshold: number): void {
    if (this.pendingTerms.length === 0 || this.pendingTerms.length < threshold) return
    const pending = this.pendingTerms.sort(compareStrings)
    const sorted = this.sortedTerms
    const merged: string[] = new Array(sorted.length + pending.length)
    let i = 0
    let j = 0
    let k = 0
    while (i < sorted.length && j < pending.length) {
      merged[k++] = compareStrings(sorted[i]!, pending[j]!) <= 0 ? sorted[i++]! : pending[j++]!
    }
    while (i < sorted.length) merged[k++] = sorted[i++]!
    while (j < pending.length) merged[k++] = pending[j++]!
    this.sortedTerms = merged
    this.pendingTerms = []
  }

  private ensureScratch(): void {
    if (this.docMask.length < this.docCount) {
      const capacity = Math.max(1_024, Math.ceil(this.docCount * 1.25))
      this.docMask = new Int32Array(capacity)
      this.docScore = new Float64Array(capacity)
    }
    const conversations = this.conversationIds.length
    if (this.convMask.length < conversations) {
      const capacity = Math.max(256, Math.ceil(conversations * 1.25))
      this.convMask = new Int32Array(capacity)
      this.convBest = new Int32Array(capacity)
    }
  }

  private conversationNumber(conversationId: string): number {
    let number = this.conversationNumbers.get(conversationId)
    if (number === undefined) {
      number = this.conversationIds.length
      this.conversationIds.push(conversationId)
      this.conversationNumbers.set(conversationId, number)
      this.conversationProperty.push(-1)
      this.conversationDocs.push([])
      this.conversationNameDoc.push(-1)
    }
    return number
  }

  private propertyNumber(propertyId: string): number {
    return numberOf(this.propertyNumbers, propertyId)
  }
}

function size(expansions: readonly Expansion[]): number {
  let total = 0
  for (const { postings } of expansions) total += typeof postings === 'number' ? 1 : postings.length
  return total
}

/** Code-unit order, the order `startsWith` ranges are contiguous in. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! < value) low = middle + 1
    else high = middle
  }
  return low
}
