import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useLiveQuery } from '@/composables/useLiveQuery'
import { allPropertyFacts, savePropertyFacts, type PropertyRecord } from '@/db'
import { propertiesByName } from '@/db/reservation-queries'
import { propertyFactsSchema, type PropertyFacts } from '@shared/templates'
import { useSyncStore } from './sync'

export type FactsSaveState = 'idle' | 'saving' | 'saved' | 'failed'

/**
 * The property profiles templates draw on (issue 8, "Property facts"): read live from the
 * offline store, saved whole per property (checked against the shared schema first).
 */
export const useFactsStore = defineStore('facts', () => {
  const sync = useSyncStore()
  const properties = useLiveQuery(
    () => sync.db,
    (db) => (db ? propertiesByName(db) : Promise.resolve([] as PropertyRecord[])),
    [] as PropertyRecord[],
  ).value
  const byProperty = useLiveQuery(
    () => sync.db,
    (db) => (db ? allPropertyFacts(db) : Promise.resolve(new Map<string, PropertyFacts>())),
    new Map<string, PropertyFacts>(),
  ).value
  const saveState = ref<FactsSaveState>('idle')
  let ticket = 0

  async function save(facts: PropertyFacts): Promise<boolean> {
    const db = sync.db
    const parsed = propertyFactsSchema.safeParse(facts)
    if (!db || !parsed.success) {
      saveState.value = 'failed'
      return false
    }
    const mine = ++ticket
    saveState.value = 'saving'
    try {
      await savePropertyFacts(db, parsed.data, Date.now())
      if (mine === ticket) saveState.value = 'saved'
      return true
    } catch {
      if (mine === ticket) saveState.value = 'failed'
      return false
    }
  }

  return { properties, byProperty, saveState, save }
})
