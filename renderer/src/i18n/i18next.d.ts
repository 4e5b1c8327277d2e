import 'i18next'
import type { SourceResources } from '@shared/locales/namespaces'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: SourceResources
  }
}
