import type { PropertyFacts } from '@shared/templates'
import type { InnboxDb } from './schema'
import { writeTx } from './tx'

// The property profiles templates draw on (issue 8, "Property facts"): kept on this desk only.

export async function readPropertyFacts(
  db: InnboxDb,
  propertyId: string,
): Promise<PropertyFacts | null> {
  return (await db.propertyFacts.get(propertyId))?.facts ?? null
}

/** Every property's profile, by property id. */
export async function allPropertyFacts(db: InnboxDb): Promise<Map<string, PropertyFacts>> {
  const rows = await db.propertyFacts.toArray()
  return new Map(rows.map((row) => [row.propertyId, row.facts]))
}

export function savePropertyFacts(db: InnboxDb, facts: PropertyFacts, now: number): Promise<void> {
  return writeTx(db, db.propertyFacts, async () => {
    await db.propertyFacts.put({ propertyId: facts.propertyId, facts, updatedAt: now })
  })
}
