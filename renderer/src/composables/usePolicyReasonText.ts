import { useTranslation } from 'i18next-vue'
import { dateFormat, numberFormat } from '@/i18n/formats'
import type { PolicyReason } from '@shared/policy/reasons'

/**
 * The user's words for one policy reason. Instants are shown in the desk's zone here; a
 * screen that knows the property (the composer) should pass its time zone, because the
 * platform's windows run on the property's clock.
 */
export function usePolicyReasonText(): (reason: PolicyReason, timeZone?: string) => string {
  const { t, i18next } = useTranslation('policy')
  return (reason, timeZone) => {
    const language = i18next.language
    const instant = (at: number | undefined) =>
      at === undefined
        ? undefined
        : dateFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at)
    const { values } = reason
    // Rule 4's limit is bytes; rule 11's is characters.
    const limit =
      values.limit === undefined
        ? undefined
        : reason.code === 'attachmentTooLarge'
          ? new Intl.NumberFormat(language, {
              style: 'unit',
              unit: 'megabyte',
              maximumFractionDigits: 1,
            }).format(values.limit / (1024 * 1024))
          : numberFormat(language).format(values.limit)
    const options = {
      ...values,
      from: instant(values.from),
      until: instant(values.until),
      limit,
    }
    return t(reason.key as never, options as never) as unknown as string
  }
}
