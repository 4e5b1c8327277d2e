import { defineStore } from 'pinia'
import { ref } from 'vue'
import { desk } from '@/bridge'
import type { BridgeError } from '@/bridge'
import type { AppInfo } from '@shared/bridge/schemas'

/** What the Node side says about the running app, and whether it answers at all. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'unreachable'>('idle')
  const error = ref<BridgeError | null>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    const result = await desk.app.info()
    if (result.ok) {
      info.value = result.value
      error.value = null
      status.value = 'ready'
    } else {
      error.value = result.error
      status.value = 'unreachable'
    }
  }

  return { info, status, error, load }
})
