import type common from './en/common.json'
import type conversation from './en/conversation.json'
import type inbox from './en/inbox.json'
import type menu from './en/menu.json'
import type metrics from './en/metrics.json'
import type policy from './en/policy.json'
import type reservations from './en/reservations.json'
import type settings from './en/settings.json'
import type shortcuts from './en/shortcuts.json'
import type templates from './en/templates.json'
import type translation from './en/translation.json'

/**
 * Every i18n namespace, typed from the English files: a key that English lacks is a
 * compile error wherever `t()` is typed with these resources.
 */
export interface SourceResources {
  common: typeof common
  conversation: typeof conversation
  inbox: typeof inbox
  menu: typeof menu
  metrics: typeof metrics
  policy: typeof policy
  reservations: typeof reservations
  settings: typeof settings
  shortcuts: typeof shortcuts
  templates: typeof templates
  translation: typeof translation
}

export type Namespace = keyof SourceResources

export const namespaces: readonly Namespace[] = [
  'common',
  'conversation',
  'inbox',
  'menu',
  'metrics',
  'policy',
  'reservations',
  'settings',
  'shortcuts',
  'templates',
  'translation',
]
