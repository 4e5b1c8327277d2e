// Message ids of the index's documents, compact: the platform's ids are UUIDs, kept as their
// 16 bytes (a string would take about 60) — at two million messages that is the difference
// between 32 MB and 120 MB. Any other id is kept as it is; a document without an id (a guest's
// name) has none.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const NONE = 0
const PACKED = 1
const OTHER = 2

export interface MessageIdsSnapshot {
  kinds: Uint8Array
  bytes: Uint8Array
  others: [number, string][]
}

export class MessageIds {
  private kinds = new Uint8Array(1_024)
  private bytes = new Uint8Array(16 * 1_024)
  private readonly others = new Map<number, string>()

  set(doc: number, id: string | null): void {
    this.reserve(doc)
    this.others.delete(doc)
    if (id === null) {
      this.kinds[doc] = NONE
    } else if (UUID.test(id)) {
      this.kinds[doc] = PACKED
      const hex = id.replaceAll('-', '')
      for (let i = 0; i < 16; i++) {
        this.bytes[doc * 16 + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
      }
    } else {
      this.kinds[doc] = OTHER
      this.others.set(doc, id)
    }
  }

  get(doc: number): string | null {
    const kind = this.kinds[doc]
    if (kind === OTHER) return this.others.get(doc) ?? null
    if (kind !== PACKED) return null
    let hex = ''
    for (let i = 0; i < 16; i++) hex += this.bytes[doc * 16 + i]!.toString(16).padStart(2, '0')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  has(doc: number): boolean {
    return this.kinds[doc] !== NONE
  }

  /** Its state as plain data (typed arrays, structured-clone friendly), up to `count` documents. */
  snapshot(count: number): MessageIdsSnapshot {
    return {
      kinds: this.kinds.slice(0, count),
      bytes: this.bytes.slice(0, count * 16),
      others: [...this.others].filter(([doc]) => doc < count),
    }
  }

  static restore(snapshot: MessageIdsSnapshot): MessageIds {
    const ids = new MessageIds()
    ids.reserve(Math.max(0, snapshot.kinds.length - 1))
    ids.kinds.set(snapshot.kinds)
    ids.bytes.set(snapshot.bytes)
    for (const [doc, id] of snapshot.others) ids.others.set(doc, id)
    return ids
  }

  get byteLength(): number {
    return this.kinds.byteLength + this.bytes.byteLength + this.others.size * 80
  }

  private reserve(doc: number): void {
    if (doc < this.kinds.length) return
    let capacity = this.kinds.length
    while (capacity <= doc) capacity *= 2
    const kinds = new Uint8Array(capacity)
    kinds.set(this.kinds)
    const bytes = new Uint8Array(capacity * 16)
    bytes.set(this.bytes)
    this.kinds = kinds
    this.bytes = bytes
  }
}
