import type { SeedLanguage } from './phrases'

export interface DemoProperty {
  property_id: string
  name: string
  time_zone: string
  checkout_time: string
  links_disabled: boolean
  approved_links: string[]
  /** The languages its guests write in, most frequent first (repeats weight the draw). */
  guest_languages: SeedLanguage[]
  reservations: number
}

/** Five countries, four time zones; one property has links switched off (PLATFORM.md rule 5). */
export const demoProperties: DemoProperty[] = [
  {
    property_id: '4012001',
    name: 'Casa do Limoeiro Guesthouse',
    time_zone: 'Europe/Lisbon',
    checkout_time: '11:00',
    links_disabled: false,
    approved_links: ['https://casadolimoeiro.example'],
    guest_languages: ['pt', 'pt', 'en', 'fr', 'de', 'es', 'nl'],
    reservations: 40,
  },
  {
    property_id: '4012002',
    name: 'Hotel Jardín del Turia',
    time_zone: 'Europe/Madrid',
    checkout_time: '12:00',
    links_disabled: false,
    approved_links: ['https://jardindelturia.example'],
    guest_languages: ['es', 'es', 'en', 'fr', 'de', 'ar', 'nl'],
    reservations: 45,
  },
  {
    property_id: '4012003',
    name: 'Les Traboules – Appartements Lyon',
    time_zone: 'Europe/Paris',
    checkout_time: '10:00',
    links_disabled: true,
    approved_links: [],
    guest_languages: ['fr', 'fr', 'en', 'de', 'es', 'ru'],
    reservations: 35,
  },
  {
    property_id: '4012004',
    name: 'Chao Phraya Riverside Hotel',
    time_zone: 'Asia/Bangkok',
    checkout_time: '12:00',
    links_disabled: false,
    approved_links: ['https://chaophrayariverside.example'],
    guest_languages: ['th', 'th', 'en', 'ru', 'de', 'ar', 'fr'],
    reservations: 45,
  },
  {
    property_id: '4012005',
    name: 'Hotel Grachtzicht Amsterdam',
    time_zone: 'Europe/Amsterdam',
    checkout_time: '11:00',
    links_disabled: false,
    approved_links: ['https://grachtzicht.example'],
    guest_languages: ['nl', 'en', 'de', 'fr', 'pl', 'pt'],
    reservations: 40,
  },
  {
    property_id: '4012006',
    name: 'Hotel Wisła Powiśle',
    time_zone: 'Europe/Warsaw',
    checkout_time: '11:00',
    links_disabled: false,
    approved_links: [],
    guest_languages: ['pl', 'pl', 'en', 'de', 'ru', 'ar', 'th'],
    reservations: 35,
  },
]
