import type {
  TranslateArgs,
  TranslateResult,
  TranslationSetup,
  TranslationStatus,
  TranslationTestArgs,
  TranslationTestResult,
} from '../../../shared/bridge/translation-schemas'
import type { SecretStore } from '../accounts/secret-store'
import { toBridgeFailure } from './bridge-errors'
import type { TranslationConfigStore, StoredService } from './config-store'
import type { TransportOptions } from './http'
import { noProvider } from './none'
import type { TranslationProvider } from './provider'
import { createProvider } from './registry'
import type { ProviderConfig } from './registry'

/**
 * The desk's translation service: which provider (translation.json, no key), its API key (the
 * host's SecretStore, under its own name beside the platform accounts' secrets), and the one
 * provider object built from both. Nothing is sent anywhere until a service is configured:
 * with none, `translate` answers `not_configured` from `noProvider`, which has no network.
 */

/** The key's name in the secret store; account ids are UUIDs or `sandbox`, never this. */
export const TRANSLATION_SECRET_ID = 'translation:api-key'

/** What "Test translation" translates: short, harmless, like a guest's first question. */
export const TEST_SAMPLE = 'Good morning! Is breakfast included in our booking?'

type Setup = TranslationSetup

function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  const clean = (value: string | null | undefined) => (value ?? '').trim().replace(/\/+$/, '')
  return clean(a) === clean(b)
}

function storedFrom(setup: Setup): StoredService {
  return setup.kind === 'libretranslate'
    ? { kind: 'libretranslate', baseUrl: setup.baseUrl.trim() }
    : { kind: 'deepl', baseUrl: setup.baseUrl?.trim() || null }
}

function configOf(service: StoredService, apiKey: string | null): ProviderConfig {
  return service.kind === 'libretranslate'
    ? { kind: 'libretranslate', baseUrl: service.baseUrl, apiKey }
    : { kind: 'deepl', baseUrl: service.baseUrl, apiKey: apiKey ?? '' }
}

export class TranslationService {
  #provider: Promise<TranslationProvider> | null = null

  constructor(
    private readonly store: TranslationConfigStore,
    private readonly secrets: SecretStore,
    private readonly transport: TransportOptions = {},
  ) {}

  async status(): Promise<TranslationStatus> {
    const service = await this.store.read()
    const hasKey = service ? (await this.secrets.get(TRANSLATION_SECRET_ID)) !== null : false
    const provider = await this.#current()
    return {
      kind: service?.kind ?? 'none',
      baseUrl: service?.baseUrl ?? null,
      hasKey,
      recipient: provider.describeRecipient(),
      providerId: provider.id,
    }
  }

  /** Saves the service (null: none) and its key; a refused setting changes nothing. */
  async configure(setup: Setup | null): Promise<TranslationStatus> {
    if (setup === null) {
      await this.store.write(null)
      await this.secrets.delete(TRANSLATION_SECRET_ID)
      this.#provider = null
      return this.status()
    }
    const service = storedFrom(setup)
    const apiKey = await this.#keyFor(setup)
    const built = createProvider(configOf(service, apiKey), this.transport)
    if (!built.ok) throw toBridgeFailure(built.error)
    const previousKey = await this.secrets.get(TRANSLATION_SECRET_ID)
    // The key first: the settings must never name a service whose key was not saved.
    if (apiKey === null) await this.secrets.delete(TRANSLATION_SECRET_ID)
    else await this.secrets.set(TRANSLATION_SECRET_ID, apiKey)
    try {
      await this.store.write(service)
    } catch (error) {
      if (previousKey === null) await this.secrets.delete(TRANSLATION_SECRET_ID).catch(() => {})
      else await this.secrets.set(TRANSLATION_SECRET_ID, previousKey).catch(() => {})
      throw error
    }
    this.#provider = null
    return this.status()
  }

  /** One real request, with the form's values (not saved) or the saved service. */
  async test({ setup, target }: TranslationTestArgs): Promise<TranslationTestResult> {
    let provider: TranslationProvider
    if (setup === null) provider = await this.#current()
    else {
      const built = createProvider(
        configOf(storedFrom(setup), await this.#keyFor(setup)),
        this.transport,
      )
      if (!built.ok) throw toBridgeFailure(built.error)
      provider = built.value
    }
    // The sample is English: translating it into English would prove nothing.
    const into = target === 'en' ? 'fr' : target
    const answer = await provider.translate({ texts: [TEST_SAMPLE], source: 'en', target: into })
    if (!answer.ok) throw toBridgeFailure(answer.error)
    return {
      sample: TEST_SAMPLE,
      translation: answer.value.translations[0]?.text ?? '',
      target: into,
      recipient: provider.describeRecipient(),
    }
  }

  async translate(request: TranslateArgs): Promise<TranslateResult> {
    const provider = await this.#current()
    const answer = await provider.translate(request)
    if (!answer.ok) throw toBridgeFailure(answer.error)
    return { providerId: provider.id, translations: answer.value.translations }
  }

  /**
   * The key a setup will use: the one typed, none (null or blank), or, when left out, the
   * stored one, but only for the same service at the same address: a key must never travel
   * to a recipient it was not entered for.
   */
  async #keyFor(setup: Setup): Promise<string | null> {
    if (typeof setup.apiKey === 'string') return setup.apiKey.trim() || null
    if (setup.apiKey === null) return null
    const saved = await this.store.read()
    const same =
      saved !== null && saved.kind === setup.kind && sameAddress(saved.baseUrl, setup.baseUrl)
    return same ? this.secrets.get(TRANSLATION_SECRET_ID) : null
  }

  /** The provider for the saved settings, built once per change. */
  #current(): Promise<TranslationProvider> {
    this.#provider ??= this.#build().catch((error: unknown) => {
      this.#provider = null
      throw error
    })
    return this.#provider
  }

  async #build(): Promise<TranslationProvider> {
    const service = await this.store.read()
    if (!service) return noProvider
    const apiKey = await this.secrets.get(TRANSLATION_SECRET_ID)
    const built = createProvider(configOf(service, apiKey), this.transport)
    // A saved service that no longer builds (its key was lost with the keychain) sends
    // nothing: it answers with the reason instead.
    return built.ok ? built.value : brokenProvider(service.kind, built.error)
  }
}

function brokenProvider(
  kind: StoredService['kind'],
  error: Parameters<typeof toBridgeFailure>[0],
): TranslationProvider {
  return {
    ...noProvider,
    id: `${kind}:unusable`,
    kind,
    languages: async () => ({ ok: false, error }),
    translate: async () => ({ ok: false, error }),
  }
}
