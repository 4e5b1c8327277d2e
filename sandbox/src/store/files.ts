import { open, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'

// Small crash-safety helpers: a file is only ever replaced whole (write a temporary file,
// flush it to disk, rename it over the old one, flush the folder), so a crash leaves
// either the old or the new version, never half of one.

export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path)
  await syncFolder(join(path, '..'))
}

/** Makes a rename or a new file in the folder durable. Not possible on Windows, where renames are durable enough. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Folders cannot be opened for fsync on every platform; the data files themselves are synced.
  }
}

export async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
}
