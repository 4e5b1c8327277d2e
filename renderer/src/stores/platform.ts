import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { desk } from '@/bridge'
import type { BridgeError } from '@/bridge'
import type {
  AccountDraft,
  AccountSummary,
  ConnectionTest,
  PlatformStatus,
} from '@shared/bridge/account-schemas'

export type { AccountSummary }

type Step = 'idle' | 'busy' | 'done' | 'failed'

/**
 * The booking-platform connection and the desk's accounts, as the Node side reports them.
 * Each kind of request takes its own ticket: an answer that arrives after a newer request
 * (or a pushed event) is dropped, so a slow answer never overwrites a fresher state.
 */
export const usePlatformStore = defineStore('platform', () => {
  const status = ref<PlatformStatus | null>(null)
  const accounts = ref<AccountSummary[]>([])
  const loadError = ref<BridgeError | null>(null)

  const testStep = ref<Step>('idle')
  const testedPropertyCount = ref<number | null>(null)
  const testError = ref<BridgeError | null>(null)
  const addStep = ref<Step>('idle')
  const addError = ref<BridgeError | null>(null)
  const changeError = ref<BridgeError | null>(null)

  const tickets = { status: 0, accounts: 0, test: 0, add: 0 }

  const active = computed(() => accounts.value.find((account) => account.active) ?? null)
  const added = computed(() => accounts.value.filter((account) => account.kind === 'platform'))

  async function load(): Promise<void> {
    const mine = { status: ++tickets.status, accounts: ++tickets.accounts }
    const [nextStatus, nextAccounts] = await Promise.all([
      desk.platform.status(),
      desk.accounts.list(),
    ])
    if (mine.status === tickets.status && nextStatus.ok) status.value = nextStatus.value
    if (mine.accounts === tickets.accounts && nextAccounts.ok) accounts.value = nextAccounts.value
    const failed = [nextStatus, nextAccounts].find((result) => !result.ok)
    loadError.value = failed && !failed.ok ? failed.error : null
  }

  async function refreshAccounts(): Promise<void> {
    const mine = ++tickets.accounts
    const result = await desk.accounts.list()
    if (mine === tickets.accounts && result.ok) accounts.value = result.value
  }

  /** "Test connection" with the form's credentials or a stored account. */
  async function testConnection(target: ConnectionTest): Promise<void> {
    const mine = ++tickets.test
    testStep.value = 'busy'
    testError.value = null
    testedPropertyCount.value = null
    const result = await desk.accounts.test(target)
    if (mine !== tickets.test) return
    if (result.ok) {
      testedPropertyCount.value = result.value.propertyCount
      testStep.value = 'done'
    } else {
      testError.value = result.error
      testStep.value = 'failed'
    }
  }

  /** Forgets a test result (the form changed, so it no longer applies). */
  function clearTest(): void {
    tickets.test++
    testStep.value = 'idle'
    testError.value = null
    testedPropertyCount.value = null
  }

  async function addAccount(draft: AccountDraft): Promise<boolean> {
    const mine = ++tickets.add
    addStep.value = 'busy'
    addError.value = null
    const result = await desk.accounts.add(draft)
    if (mine !== tickets.add) return result.ok
    if (result.ok) {
      addStep.value = 'done'
      await refreshAccounts()
    } else {
      addError.value = result.error
      addStep.value = 'failed'
    }
    return result.ok
  }

  async function removeAccount(accountId: string): Promise<boolean> {
    changeError.value = null
    const result = await desk.accounts.remove({ accountId })
    if (result.ok) await refreshAccounts()
    else changeError.value = result.error
    return result.ok
  }

  async function activate(accountId: string): Promise<boolean> {
    changeError.value = null
    const result = await desk.accounts.activate({ accountId })
    if (result.ok) await refreshAccounts()
    else changeError.value = result.error
    return result.ok
  }

  // Pushed by the Node side (this window's changes and any other's).
  desk.on('platform:statusChanged', (next) => {
    tickets.status++
    status.value = next
  })
  desk.on('accounts:changed', (next) => {
    tickets.accounts++
    accounts.value = next
  })

  return {
    status,
    accounts,
    active,
    added,
    loadError,
    testStep,
    testedPropertyCount,
    testError,
    addStep,
    addError,
    changeError,
    load,
    testConnection,
    clearTest,
    addAccount,
    removeAccount,
    activate,
  }
})
