import type { TFunction } from 'i18next'
import type { RuleTrigger } from '@shared/templates'

// How a rule's timing reads ("2 days before check-in, at 10:00"), in the UI language. The
// time is the property's wall-clock time: formatted as such, never moved to the desk's zone.

export function wallTime(time: string, language: string): string {
  const [hour, minute] = time.split(':').map(Number)
  try {
    return new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2000, 0, 1, hour ?? 0, minute ?? 0),
    )
  } catch {
    return time
  }
}

export function triggerSummary(
  t: TFunction<'templates'>,
  trigger: RuleTrigger,
  language: string,
): string {
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string
  switch (trigger.kind) {
    case 'afterBooking':
      return trigger.delayMinutes === 0
        ? translate('triggers.afterBooking.summaryImmediately')
        : translate('triggers.afterBooking.summary', { count: trigger.delayMinutes })
    case 'beforeCheckIn':
      return translate('triggers.beforeCheckIn.summary', {
        count: trigger.days,
        time: wallTime(trigger.at, language),
      })
    case 'onCheckInDay':
      return translate('triggers.onCheckInDay.summary', {
        time: wallTime(trigger.at, language),
      })
    case 'afterCheckOut':
      return translate('triggers.afterCheckOut.summary', {
        count: trigger.days,
        time: wallTime(trigger.at, language),
      })
  }
}
