import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { desk } from '@/bridge'
import type { BridgeError } from '@/bridge'
import { pickUiLanguage } from '@shared/i18n/languages'
import type { UiLanguage } from '@shared/i18n/languages'
import type { SettingsPatch, SettingsSnapshot } from '@shared/bridge/schemas'
import { useAppStore } from './app'

/**
 * Settings as the Node side keeps them. Each request takes a ticket; an answer that
 * arrives after a newer request was made is dropped, so a slow save can never undo a
 * later choice.
 */
export const useSettingsStore = defineStore('settings', () => {
  const snapshot = ref<SettingsSnapshot | null>(null)
  const saveState = ref<'idle' | 'saving' | 'saved' | 'failed'>('idle')
  const error = ref<BridgeError | null>(null)
  const recoveryDismissed = ref(false)
  let ticket = 0
  const app = useAppStore()

  const systemLanguage = computed<UiLanguage>(() =>
    pickUiLanguage([app.info?.osLocale, ...navigator.languages]),
  )
  /** The language the UI shows: the user's choice, else the system's. */
  const language = computed<UiLanguage>(
    () => snapshot.value?.values.language ?? systemLanguage.value,
  )
  const recovery = computed(() =>
    recoveryDismissed.value ? null : (snapshot.value?.recovery ?? null),
  )

  async function load(): Promise<void> {
    const mine = ++ticket
    const result = await desk.settings.get()
    if (mine !== ticket) return
    if (result.ok) snapshot.value = result.value
    else error.value = result.error
  }

  async function update(patch: SettingsPatch): Promise<boolean> {
    const mine = ++ticket
    const previous = snapshot.value
    // Apply at once so the UI answers the click; roll back if the save is refused.
    if (previous) snapshot.value = { ...previous, values: { ...previous.values, ...patch } }
    saveState.value = 'saving'
    const result = await desk.settings.update(patch)
    if (mine !== ticket) return result.ok
    if (result.ok) {
      snapshot.value = result.value
      error.value = null
      saveState.value = 'saved'
    } else {
      snapshot.value = previous
      error.value = result.error
      saveState.value = 'failed'
    }
    return result.ok
  }

  function dismissRecovery(): void {
    recoveryDismissed.value = true
  }

  // Another window or host changed them (or our own save, announced to every window): follow.
  // The ticket stays: the event is news, not a newer request, so our pending answer still counts.
  desk.on('settings:changed', (next) => {
    snapshot.value = next
  })

  return {
    snapshot,
    language,
    systemLanguage,
    recovery,
    saveState,
    error,
    load,
    update,
    dismissRecovery,
  }
})
