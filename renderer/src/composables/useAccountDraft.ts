import { computed, nextTick, reactive, ref, watch } from 'vue'
import type { z } from 'zod'
import {
  accountLabelSchema,
  baseUrlSchema,
  clientIdSchema,
  clientSecretSchema,
} from '@shared/bridge/account-schemas'
import { usePlatformStore } from '@/stores/platform'

const rules = {
  label: accountLabelSchema,
  baseUrl: baseUrlSchema,
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
} satisfies Record<string, z.ZodType>
export type AccountField = keyof typeof rules

const blank = () => ({
  label: '',
  baseUrl: 'https://',
  clientId: '',
  clientSecret: '',
  shared: false,
})

/**
 * The "Add an account" form: its fields, the same validation the Node side applies (shared
 * schemas), and the two actions. Errors show once the user tried to test (the credentials)
 * or to add (every field), not while the first letters are typed.
 */
export function useAccountDraft() {
  const platform = usePlatformStore()
  const form = reactive(blank())
  const attempted = ref<'none' | 'test' | 'add'>('none')
  const added = ref(false)

  const invalid = computed(
    () =>
      Object.fromEntries(
        (Object.keys(rules) as AccountField[]).map((field) => [
          field,
          !rules[field].safeParse(form[field]).success,
        ]),
      ) as Record<AccountField, boolean>,
  )
  const showInvalid = (field: AccountField): boolean =>
    invalid.value[field] &&
    (attempted.value === 'add' || (attempted.value === 'test' && field !== 'label'))

  const credentials = () => ({
    baseUrl: baseUrlSchema.parse(form.baseUrl),
    clientId: form.clientId.trim(),
    clientSecret: form.clientSecret,
  })

  // A test result is about the credentials that were tested; an "added" note about the last add.
  watch(
    () => [form.baseUrl, form.clientId, form.clientSecret],
    () => platform.clearTest(),
  )
  watch(form, () => (added.value = false))

  async function test(): Promise<void> {
    if (attempted.value !== 'add') attempted.value = 'test'
    if (invalid.value.baseUrl || invalid.value.clientId || invalid.value.clientSecret) return
    await platform.testConnection(credentials())
  }

  async function add(): Promise<void> {
    attempted.value = 'add'
    if (Object.values(invalid.value).some(Boolean)) return
    const ok = await platform.addAccount({
      label: form.label.trim(),
      ...credentials(),
      syncMode: form.shared ? 'listDiff' : 'queue',
    })
    if (!ok) return
    Object.assign(form, blank())
    attempted.value = 'none'
    platform.clearTest()
    // After the reset above, so its watcher does not clear the note at once.
    await nextTick()
    added.value = true
  }

  return { form, showInvalid, test, add, added }
}
