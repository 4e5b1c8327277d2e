import {
  evaluateSend,
  type PolicyConfig,
  type PolicyConversation,
  type SendDecision,
} from '../policy'
import type { RenderContext } from './context'
import { renderTemplate, type RenderResult } from './render'

// The editor's live preview (issue 8): the rendered text against a picked reservation, with the
// policy's decision on that text (links rule 5, contact details rule 6, length rule 11) and the
// character count the length rule uses.

export interface TemplatePreview {
  rendered: RenderResult
  decision: SendDecision
  /** Unicode code points, as rule 11's limit counts them. */
  characters: number
}

export function previewTemplate(
  body: string,
  context: RenderContext,
  locale: string,
  conversation: PolicyConversation,
  now: number,
  config: Partial<PolicyConfig> = {},
): TemplatePreview {
  const rendered = renderTemplate(body, context, locale)
  const decision = evaluateSend(conversation, { text: rendered.text }, now, config)
  return { rendered, decision, characters: [...rendered.text].length }
}
