import {
  addCalendarDays,
  formatCalendarDate,
  instantOfWallTime,
  wallTimeAt,
  type CalendarDate,
} from '../../shared/time'
import type { SeededRandom } from '../src/random'

// Which stays a demo property has: the fixed cases every demo needs (arriving today, in
// house, past the reply deadline, near the read limit…) and a random spread over the year.

export type StayKind =
  | 'arriving_today'
  | 'in_house'
  | 'departing_today'
  | 'upcoming'
  | 'past'
  | 'cancelled'
  | 'reply_deadline_passed'
  | 'near_read_limit'
  | 'past_read_window'
  | 'request_to_book'
  | 'self_service'

export interface StayPlan {
  kind: StayKind
  /** Days from the property's today to check-in. */
  checkinOffset: number
  nights: number
}

const FIXED: [StayKind, number, number][] = [
  ['arriving_today', 0, 3],
  ['arriving_today', 0, 2],
  ['in_house', -1, 3],
  ['in_house', -2, 5],
  ['in_house', -3, 4],
  ['departing_today', -2, 2],
  ['cancelled', 12, 3],
  ['cancelled', -40, 2],
  ['reply_deadline_passed', -29, 3],
  ['near_read_limit', -361, 3],
  ['request_to_book', 21, 3],
  ['self_service', 9, 2],
  ['self_service', 30, 4],
]

export function planStays(random: SeededRandom, count: number, index: number): StayPlan[] {
  const plans: StayPlan[] = FIXED.map(([kind, checkinOffset, nights]) => ({
    kind,
    checkinOffset,
    nights,
  }))
  // One property keeps a stay past the 1-year read window (rule 3), to show a 410.
  if (index === 5) plans.push({ kind: 'past_read_window', checkinOffset: -372, nights: 2 })
  while (plans.length < count) {
    const checkinOffset = random.int(-365, 180)
    const nights = random.int(1, 7)
    const cancelled = random.chance(0.07)
    const kind: StayKind = cancelled
      ? 'cancelled'
      : checkinOffset + nights < 0
        ? 'past'
        : checkinOffset > 0
          ? 'upcoming'
          : 'in_house'
    // Random in-house stays would crowd today's board; keep them upcoming.
    plans.push(
      kind === 'in_house'
        ? { kind: 'upcoming', checkinOffset: random.int(1, 180), nights }
        : { kind, checkinOffset, nights },
    )
  }
  return plans
}

/** A wall-clock moment in a property's time zone, `days` after its today. */
export class PropertyCalendar {
  readonly today: CalendarDate

  constructor(
    readonly now: number,
    readonly timeZone: string,
  ) {
    this.today = wallTimeAt(now, timeZone)
  }

  date(days: number): string {
    return formatCalendarDate(addCalendarDays(this.today, days))
  }

  at(days: number, hour: number, minute = 0): number {
    const date = addCalendarDays(this.today, days)
    return instantOfWallTime({ ...date, hour, minute, second: 0, millisecond: 0 }, this.timeZone)
  }
}
