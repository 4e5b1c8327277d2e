import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PropertyRecord } from '../../../../../sandbox/src/store/model'
import { Store } from '../../../../../sandbox/src/store/store'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'innbox-store-'))
})
afterEach(() => rm(folder, { recursive: true, force: true }))

const property = (id: string): PropertyRecord => ({
  property_id: id,
  name: `Property ${id}`,
  time_zone: 'Europe/Lisbon',
  checkout_time: '11:00',
  links_disabled: false,
  approved_links: [],
  participant_id: `participant-${id}`,
})

describe('the durable store', () => {
  it('gives back after a restart everything it acknowledged', async () => {
    const store = await Store.open(folder)
    expect(store.isEmpty).toBe(true)
    await store.commit([{ type: 'property_put', property: property('1') }])
    await store.commit([{ type: 'clock_set', offset_ms: 1234 }])
    await store.close()
    const reopened = await Store.open(folder)
    expect(reopened.isEmpty).toBe(false)
    expect(reopened.state.properties.get('1')?.name).toBe('Property 1')
    expect(reopened.state.clockOffsetMs).toBe(1234)
    await reopened.close()
  })

  it('keeps its data across several restarts without a compaction in between', async () => {
    for (let round = 0; round < 3; round += 1) {
      const store = await Store.open(folder)
      expect([...store.state.properties.keys()]).toEqual(
        Array.from({ length: round }, (_, index) => String(index)),
      )
      await store.commit([{ type: 'property_put', property: property(String(round)) }])
      await store.close()
    }
    const journals = (await readdir(folder)).filter((name) => name.startsWith('journal-'))
    expect(journals.length).toBeLessThanOrEqual(4)
  })

  it('ignores a torn last journal line left by a crash and keeps working', async () => {
    const store = await Store.open(folder)
    await store.commit([{ type: 'property_put', property: property('1') }])
    const journal = (await readdir(folder)).find((name) => name.startsWith('journal-')) as string
    // A crash mid-write: half a line, never acknowledged.
    await appendFile(join(folder, journal), '{"s":2,"e":[{"type":"property_put","prop')
    const reopened = await Store.open(folder)
    expect([...reopened.state.properties.keys()]).toEqual(['1'])
    await reopened.commit([{ type: 'property_put', property: property('2') }])
    await reopened.close()
    const third = await Store.open(folder)
    expect([...third.state.properties.keys()]).toEqual(['1', '2'])
    await third.close()
  })

  it('folds the journal into a snapshot and replays later commits on top of it', async () => {
    const store = await Store.open(folder)
    await store.commit([{ type: 'property_put', property: property('1') }])
    await store.compact()
    await store.commit([{ type: 'property_put', property: { ...property('1'), name: 'Renamed' } }])
    const files = await readdir(folder)
    expect(files).toContain('snapshot.json')
    await store.close()
    const reopened = await Store.open(folder)
    expect(reopened.state.properties.get('1')?.name).toBe('Renamed')
    await reopened.close()
  })

  it('writes many concurrent commits with group commit and loses none', async () => {
    const store = await Store.open(folder)
    await Promise.all(
      Array.from({ length: 500 }, (_, index) =>
        store.commit([{ type: 'property_put', property: property(String(index)) }]),
      ),
    )
    await store.close()
    const reopened = await Store.open(folder)
    expect(reopened.state.properties.size).toBe(500)
    await reopened.close()
  })

  it('loses nothing written while a compaction runs', async () => {
    const store = await Store.open(folder)
    await store.commit([{ type: 'property_put', property: property('before') }])
    const compaction = store.compact()
    const written: Promise<void>[] = []
    for (let index = 0; index < 200; index += 1) {
      written.push(store.commit([{ type: 'property_put', property: property(String(index)) }]))
      // Let the compaction's file work interleave with the commits, as under real load.
      if (index % 5 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all([compaction, ...written])
    await store.close()
    const reopened = await Store.open(folder)
    expect(reopened.state.properties.size).toBe(201)
    await reopened.close()
  })

  it('stores attachment bytes by content and reads them back', async () => {
    const store = await Store.open(folder)
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    const first = await store.putBlob(bytes)
    expect(await store.putBlob(bytes)).toBe(first)
    expect((await store.readBlob(first)).equals(bytes)).toBe(true)
    await store.close()
  })
})
