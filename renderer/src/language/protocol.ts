import type { DetectedLanguage } from '@shared/language/detect'

// Messages between the page and the language-detection worker.

export interface DetectRequest {
  id: number
  texts: string[]
}

export interface DetectAnswer {
  id: number
  found: DetectedLanguage[]
}
