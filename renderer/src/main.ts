import './zod-csp'
import I18NextVue from 'i18next-vue'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18next, initI18n } from './i18n'
import { router } from './router'
import { useAppStore } from './stores/app'
import { useSettingsStore } from './stores/settings'
import { useSyncStore } from './stores/sync'
import './styles/base.css'

async function boot(): Promise<void> {
  const app = createApp(App)
  app.use(createPinia())
  const appStore = useAppStore()
  const settings = useSettingsStore()
  await appStore.load()
  if (appStore.status === 'ready') await settings.load()
  // The first paint is already in the right language: no flash of English.
  await initI18n(settings.language)
  app.use(I18NextVue, { i18next })
  app.use(router)
  app.mount('#app')
  // After the first paint: the inbox shows what is stored while the engine catches up.
  if (appStore.status === 'ready') void useSyncStore().start()
}

void boot()
