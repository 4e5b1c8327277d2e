import { randomUUID } from 'node:crypto'
import { SANDBOX_ACCOUNT_ID } from '../../../shared/bridge/account-schemas'
import type { AccountDraft, AccountSummary } from '../../../shared/bridge/account-schemas'
import { BridgeFailure } from '../../../shared/bridge/result'
import type { EmbeddedPlatform } from '../embedded-sandbox'
import type { AccountStore, StoredAccount } from './account-store'
import type { SecretStore } from './secret-store'

/** What the platform client needs to connect as an account. */
export interface AccountCredentials {
  id: string
  baseUrl: string
  clientId: string
  /** Read at token exchange time only. */
  secret: () => Promise<string | null>
}

/**
 * The desk's accounts: the built-in platform (a pseudo-account, active when no added
 * account is) and the accounts the user added, with their secrets in the host's SecretStore.
 */
export class Accounts {
  constructor(
    private readonly store: AccountStore,
    private readonly secrets: SecretStore,
    private readonly embedded: EmbeddedPlatform,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** The built-in platform first, then the added accounts in the order they were added. */
  async list(): Promise<AccountSummary[]> {
    const file = await this.store.read()
    const sandbox: AccountSummary = {
      accountId: SANDBOX_ACCOUNT_ID,
      kind: 'sandbox',
      label: null,
      baseUrl: this.embedded.url ?? '',
      clientId: this.embedded.clientId ?? '',
      syncMode: 'queue',
      active: file.activeId === SANDBOX_ACCOUNT_ID,
    }
    const added = file.accounts.map((account) => summary(account, account.id === file.activeId))
    return [sandbox, ...added]
  }

  async activeId(): Promise<string> {
    return (await this.store.read()).activeId
  }

  async activeIsSandbox(): Promise<boolean> {
    return (await this.store.read()).activeId === SANDBOX_ACCOUNT_ID
  }

  async activeSummary(): Promise<AccountSummary> {
    const accounts = await this.list()
    return accounts.find((account) => account.active) ?? accounts[0]!
  }

  async #summary(accountId: string): Promise<AccountSummary> {
    const found = (await this.list()).find((account) => account.accountId === accountId)
    if (!found) throw new BridgeFailure('not_found', `No account "${accountId}".`)
    return found
  }

  /** The credentials of an account; the built-in platform is started if it is not running. */
  async credentials(accountId: string): Promise<AccountCredentials> {
    if (accountId === SANDBOX_ACCOUNT_ID) {
      let running
      try {
        running = await this.embedded.ensure()
      } catch {
        throw new BridgeFailure('offline', 'The built-in demo platform could not start.')
      }
      const { clientId, clientSecret } = running.account
      return { id: accountId, baseUrl: running.url, clientId, secret: async () => clientSecret }
    }
    const account = (await this.store.read()).accounts.find((item) => item.id === accountId)
    if (!account) throw new BridgeFailure('not_found', `No account "${accountId}".`)
    return {
      id: account.id,
      baseUrl: account.baseUrl,
      clientId: account.clientId,
      secret: () => this.secrets.get(account.id),
    }
  }

  async activeCredentials(): Promise<AccountCredentials> {
    return this.credentials((await this.store.read()).activeId)
  }

  /**
   * Adds an account and makes it active. The same base URL and client id again updates that
   * account (a new secret, label or sync mode) instead of making a twin.
   */
  async add(draft: AccountDraft): Promise<AccountSummary> {
    const existing = (await this.store.read()).accounts.find(
      (item) => item.baseUrl === draft.baseUrl && item.clientId === draft.clientId,
    )
    const id = existing?.id ?? this.newId()
    // The secret first: metadata must never point at a secret that was not saved.
    await this.secrets.set(id, draft.clientSecret)
    const account: StoredAccount = {
      id,
      label: draft.label,
      baseUrl: draft.baseUrl,
      clientId: draft.clientId,
      syncMode: draft.syncMode,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    }
    try {
      await this.store.change((file) => ({
        ...file,
        activeId: id,
        accounts: existing
          ? file.accounts.map((item) => (item.id === id ? account : item))
          : [...file.accounts, account],
      }))
    } catch (error) {
      if (!existing) await this.secrets.delete(id).catch(() => {})
      throw error
    }
    return this.#summary(id)
  }

  /** Removes an added account and its secret; if it was active, the built-in platform is. */
  async remove(accountId: string): Promise<void> {
    if (accountId === SANDBOX_ACCOUNT_ID) {
      throw new BridgeFailure('invalid_argument', 'The built-in platform cannot be removed.')
    }
    await this.#requireAdded(accountId)
    await this.store.change((file) => ({
      ...file,
      activeId: file.activeId === accountId ? SANDBOX_ACCOUNT_ID : file.activeId,
      accounts: file.accounts.filter((item) => item.id !== accountId),
    }))
    await this.secrets.delete(accountId)
  }

  async activate(accountId: string): Promise<AccountSummary> {
    if (accountId !== SANDBOX_ACCOUNT_ID) await this.#requireAdded(accountId)
    await this.store.change((file) => ({ ...file, activeId: accountId }))
    return this.#summary(accountId)
  }

  async #requireAdded(accountId: string): Promise<void> {
    const known = (await this.store.read()).accounts.some((item) => item.id === accountId)
    if (!known) throw new BridgeFailure('not_found', `No account "${accountId}".`)
  }
}

function summary(account: StoredAccount, active: boolean): AccountSummary {
  return {
    accountId: account.id,
    kind: 'platform',
    label: account.label,
    baseUrl: account.baseUrl,
    clientId: account.clientId,
    syncMode: account.syncMode,
    active,
  }
}
