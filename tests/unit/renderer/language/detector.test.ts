import { describe, expect, it, vi } from 'vitest'
import { computed } from 'vue'
import { createLanguageDetector, type DetectWorker } from '@/language/detector'
import type { DetectAnswer, DetectRequest } from '@/language/protocol'
import { createDetectionMemo } from '@/stores/translation-detect'
import type { DetectedLanguage } from '@shared/language/detect'

const FRENCH = 'Bonjour, est-ce que le petit-déjeuner est inclus dans le prix de la chambre ?'
const ENGLISH = 'Could we please have a late checkout on Sunday, around two in the afternoon?'

/** A worker double: keeps what it was sent; the test answers (or fails) when it likes. */
class FakeWorker implements DetectWorker {
  sent: DetectRequest[] = []
  terminated = false
  private onMessage: ((event: MessageEvent<DetectAnswer>) => void) | null = null
  private onError: ((event: ErrorEvent) => void) | null = null
  postMessage(message: DetectRequest): void {
    this.sent.push(structuredClone(message))
  }
  addEventListener(type: 'message', listener: (event: MessageEvent<DetectAnswer>) => void): void
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void
  addEventListener(
    type: string,
    listener: ((event: MessageEvent<DetectAnswer>) => void) | ((event: ErrorEvent) => void),
  ): void {
    if (type === 'message') this.onMessage = listener as (event: MessageEvent<DetectAnswer>) => void
    else this.onError = listener as (event: ErrorEvent) => void
  }
  terminate(): void {
    this.terminated = true
  }
  answer(id: number, found: DetectedLanguage[]): void {
    this.onMessage?.({ data: { id, found } } as MessageEvent<DetectAnswer>)
  }
  fail(message: string): void {
    this.onError?.({ message, preventDefault() {} } as ErrorEvent)
  }
}

const fr: DetectedLanguage = { language: 'fr', confidence: 0.9 }
const en: DetectedLanguage = { language: 'en', confidence: 0.8 }

/** A detector over worker doubles, and the workers it started, in order. */
function withFakeWorkers() {
  const workers: FakeWorker[] = []
  const detector = createLanguageDetector({
    worker: () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    },
  })
  return { workers, detector }
}

describe('the language detector', () => {
  it('detects on the page where there is no worker, texts in order', async () => {
    const detector = createLanguageDetector({ worker: null })
    const found = await detector.detect([FRENCH, ENGLISH, ''])
    expect(found.map((f) => f.language)).toEqual(['fr', 'en', null])
  })

  it('starts its worker on first use, once, and gives each call its own answer', async () => {
    const { workers, detector } = withFakeWorkers()
    expect(workers).toHaveLength(0)
    const first = detector.detect([FRENCH])
    const second = detector.detect([ENGLISH, FRENCH])
    expect(workers).toHaveLength(1)
    const [a, b] = workers[0]!.sent
    expect(a!.texts).toEqual([FRENCH])
    expect(b!.texts).toEqual([ENGLISH, FRENCH])
    // Answers may come in any order.
    workers[0]!.answer(b!.id, [en, fr])
    workers[0]!.answer(a!.id, [fr])
    await expect(first).resolves.toEqual([fr])
    await expect(second).resolves.toEqual([en, fr])
    await expect(detector.detect([])).resolves.toEqual([])
    expect(workers[0]!.sent).toHaveLength(2)
  })

  it('can start its worker ahead of the first use, and keeps that one', async () => {
    const { workers, detector } = withFakeWorkers()
    detector.warm()
    detector.warm()
    expect(workers).toHaveLength(1)
    expect(workers[0]!.sent).toEqual([])
    const found = detector.detect([FRENCH])
    expect(workers).toHaveLength(1)
    workers[0]!.answer(workers[0]!.sent[0]!.id, [fr])
    await expect(found).resolves.toEqual([fr])
  })

  it('fails what a broken worker holds, then starts a new one', async () => {
    const { workers, detector } = withFakeWorkers()
    const lost = detector.detect([FRENCH])
    workers[0]!.fail('script could not load')
    await expect(lost).rejects.toThrow('Language detection failed: script could not load')
    expect(workers[0]!.terminated).toBe(true)
    const again = detector.detect([ENGLISH])
    expect(workers).toHaveLength(2)
    workers[1]!.answer(workers[1]!.sent[0]!.id, [en])
    await expect(again).resolves.toEqual([en])
  })
})

describe('the detections remembered per message', () => {
  function memoOver(detect: (texts: readonly string[]) => Promise<DetectedLanguage[]>) {
    const calls: string[][] = []
    const memo = createDetectionMemo(() => ({
      detect: (texts) => {
        calls.push([...texts])
        return detect(texts)
      },
      warm() {},
      dispose() {},
    }))
    return { memo, calls }
  }

  it('asks once for the messages asked in the same turn; the answer arrives reactively', async () => {
    const { memo, calls } = memoOver(async (texts) => texts.map((t) => (t === FRENCH ? fr : en)))
    const languages = computed(() => [
      memo.languageOf('m1', FRENCH)?.language,
      memo.languageOf('m2', ENGLISH)?.language,
    ])
    expect(languages.value).toEqual([undefined, undefined])
    await vi.waitFor(() => expect(languages.value).toEqual(['fr', 'en']))
    expect(calls).toEqual([[FRENCH, ENGLISH]])
    // Known now: not asked again.
    expect(memo.languageOf('m1', FRENCH)).toEqual(fr)
    expect(calls).toHaveLength(1)
  })

  it('does not ask again while an answer is on its way', async () => {
    let answer: (found: DetectedLanguage[]) => void = () => {}
    const { memo, calls } = memoOver(() => new Promise((resolve) => (answer = resolve)))
    expect(memo.languageOf('m1', FRENCH)).toBeUndefined()
    await Promise.resolve()
    expect(memo.languageOf('m1', FRENCH)).toBeUndefined()
    await Promise.resolve()
    expect(calls).toHaveLength(1)
    answer([fr])
    await vi.waitFor(() => expect(memo.languageOf('m1', FRENCH)).toEqual(fr))
    expect(calls).toHaveLength(1)
  })

  it('calls a language unknown when detection cannot run', async () => {
    const { memo } = memoOver(() => Promise.reject(new Error('no worker')))
    expect(memo.languageOf('m1', FRENCH)).toBeUndefined()
    await vi.waitFor(() =>
      expect(memo.languageOf('m1', FRENCH)).toEqual({ language: null, confidence: 0 }),
    )
  })
})
