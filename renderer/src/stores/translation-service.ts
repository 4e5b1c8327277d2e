import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { desk } from '@/bridge'
import type { BridgeError } from '@/bridge'
import type {
  TranslationSetup,
  TranslationStatus,
  TranslationTestResult,
} from '@shared/bridge/translation-schemas'
import type { UiLanguage } from '@shared/i18n/languages'
import { useSettingsStore } from './settings'

type Step = 'idle' | 'busy' | 'done' | 'failed'

export type { BridgeError }
export type { TranslationKind, TranslationSetup } from '@shared/bridge/translation-schemas'

/**
 * The desk's translation service as the Node side reports it (issue 9): which one, who
 * receives guest text, whether a key is stored (never the key); "Test translation" and Save
 * for the Settings card; the staff's language and the automatic-translation switch, which
 * live with the other settings. Each request takes a ticket: a late answer is dropped.
 */
export const useTranslationServiceStore = defineStore('translationService', () => {
  const settings = useSettingsStore()
  const status = ref<TranslationStatus | null>(null)
  const loadError = ref<BridgeError | null>(null)
  const testStep = ref<Step>('idle')
  const testResult = ref<TranslationTestResult | null>(null)
  const testError = ref<BridgeError | null>(null)
  const saveStep = ref<Step>('idle')
  const saveError = ref<BridgeError | null>(null)
  const tickets = { status: 0, test: 0, save: 0 }

  /** A service is chosen and usable: guest text may be sent to `recipient`. */
  const configured = computed(() => status.value !== null && status.value.recipient !== null)
  const providerId = computed(() => status.value?.providerId ?? 'none')
  /** The language guest messages are translated into: the staff's choice, else the UI's. */
  const staffLanguage = computed<UiLanguage>(
    () => settings.snapshot?.values.staffLanguage ?? settings.language,
  )
  const autoTranslate = computed(() => settings.snapshot?.values.autoTranslate === true)

  async function load(): Promise<void> {
    const mine = ++tickets.status
    const result = await desk.translation.status()
    if (mine !== tickets.status) return
    if (result.ok) status.value = result.value
    loadError.value = result.ok ? null : result.error
  }

  /** "Test translation" with the form's values (or null: the saved service). */
  async function test(setup: TranslationSetup | null): Promise<void> {
    const mine = ++tickets.test
    testStep.value = 'busy'
    testError.value = null
    testResult.value = null
    const result = await desk.translation.test({ setup, target: staffLanguage.value })
    if (mine !== tickets.test) return
    if (result.ok) {
      testResult.value = result.value
      testStep.value = 'done'
    } else {
      testError.value = result.error
      testStep.value = 'failed'
    }
  }

  /** Forgets a test result: the form changed, so it no longer applies. */
  function clearTest(): void {
    tickets.test++
    testStep.value = 'idle'
    testResult.value = null
    testError.value = null
  }

  /** Saves the service (null: none, and the key is forgotten). */
  async function configure(setup: TranslationSetup | null): Promise<boolean> {
    const mine = ++tickets.save
    saveStep.value = 'busy'
    saveError.value = null
    const result = await desk.translation.configure(setup)
    if (mine !== tickets.save) return result.ok
    if (result.ok) {
      tickets.status++
      status.value = result.value
      saveStep.value = 'done'
    } else {
      saveError.value = result.error
      saveStep.value = 'failed'
    }
    return result.ok
  }

  function setStaffLanguage(language: UiLanguage | null): Promise<boolean> {
    return settings.update({ staffLanguage: language })
  }

  function setAutoTranslate(on: boolean): Promise<boolean> {
    return settings.update({ autoTranslate: on })
  }

  // Another window or host changed it (or our own save, told to every window).
  desk.on('translation:changed', (next) => {
    tickets.status++
    status.value = next
  })
  void load()

  return {
    status,
    loadError,
    configured,
    providerId,
    staffLanguage,
    autoTranslate,
    testStep,
    testResult,
    testError,
    saveStep,
    saveError,
    load,
    test,
    clearTest,
    configure,
    setStaffLanguage,
    setAutoTranslate,
  }
})
