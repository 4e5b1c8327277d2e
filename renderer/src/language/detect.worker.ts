import { detectLanguage } from '@shared/language/detect'
import type { DetectAnswer, DetectRequest } from './protocol'

// Language detection off the page's thread: the n-gram model (megabytes of tables) is parsed
// and run here, so neither its load nor a long conversation's detection holds a frame.

interface WorkerScope {
  postMessage(message: DetectAnswer): void
  addEventListener(type: 'message', listener: (event: MessageEvent<DetectRequest>) => void): void
}

const scope = self as unknown as WorkerScope
scope.addEventListener('message', ({ data }) => {
  scope.postMessage({ id: data.id, found: data.texts.map((text) => detectLanguage(text)) })
})
