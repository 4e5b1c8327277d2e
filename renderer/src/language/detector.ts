import type { DetectedLanguage } from '@shared/language/detect'
import type { DetectAnswer, DetectRequest } from './protocol'

/**
 * On-device language detection for the page. Nothing here sends text anywhere. The detector
 * carries n-gram tables of a few megabytes: in a worker, started on first use, so its load and
 * its work never hold the page's thread (before, opening the first conversation after a start
 * stalled on evaluating it). Where there is no Worker (unit tests) it is imported on the page.
 */
export interface LanguageDetector {
  /** Each text's language, in order. Rejects when the detector cannot run. */
  detect(texts: readonly string[]): Promise<DetectedLanguage[]>
  /**
   * Starts the worker now (compiling the model takes a few hundred milliseconds, on its own
   * thread), so the first conversation opened does not share the machine with it.
   */
  warm(): void
  dispose(): void
}

/** What the detector needs of a worker (a test double stands in for it in unit tests). */
export interface DetectWorker {
  postMessage(message: DetectRequest): void
  addEventListener(type: 'message', listener: (event: MessageEvent<DetectAnswer>) => void): void
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void
  terminate(): void
}

interface Pending {
  resolve(found: DetectedLanguage[]): void
  reject(error: Error): void
}

export function createLanguageDetector({
  worker = typeof Worker !== 'undefined' ? startWorker : null,
}: { worker?: (() => DetectWorker) | null } = {}): LanguageDetector {
  if (!worker) return inPage()
  let running: DetectWorker | null = null
  let next = 0
  const pending = new Map<number, Pending>()

  function start(): DetectWorker {
    const started = worker!()
    started.addEventListener('message', ({ data }) => {
      const waiting = pending.get(data.id)
      pending.delete(data.id)
      waiting?.resolve(data.found)
    })
    // A worker that fails (its script could not load) fails what it holds; the next call
    // starts a new one.
    started.addEventListener('error', (event) => {
      event.preventDefault?.()
      if (running === started) running = null
      started.terminate()
      const failed = [...pending.values()]
      pending.clear()
      const error = new Error(`Language detection failed: ${event.message || 'worker error'}`)
      for (const waiting of failed) waiting.reject(error)
    })
    return started
  }

  return {
    detect(texts) {
      if (texts.length === 0) return Promise.resolve([])
      running ??= start()
      const id = ++next
      const request: DetectRequest = { id, texts: [...texts] }
      const answer = new Promise<DetectedLanguage[]>((resolve, reject) =>
        pending.set(id, { resolve, reject }),
      )
      running.postMessage(request)
      return answer
    },
    warm() {
      running ??= start()
    },
    dispose() {
      running?.terminate()
      running = null
      const failed = [...pending.values()]
      pending.clear()
      for (const waiting of failed) waiting.reject(new Error('Language detection stopped.'))
    },
  }
}

function startWorker(): DetectWorker {
  return new Worker(new URL('./detect.worker.ts', import.meta.url), {
    type: 'module',
    name: 'innbox-language',
  })
}

function inPage(): LanguageDetector {
  let loading: Promise<{ detectLanguage(text: string): DetectedLanguage }> | null = null
  return {
    async detect(texts) {
      if (texts.length === 0) return []
      loading ??= import('@shared/language/detect')
      const { detectLanguage } = await loading
      return texts.map((text) => detectLanguage(text))
    },
    // On the page the model loads on first use only.
    warm() {},
    dispose() {},
  }
}

let shared: LanguageDetector | null = null
/** The page's one detector, started on first use. */
export function languageDetector(): LanguageDetector {
  shared ??= createLanguageDetector()
  return shared
}
