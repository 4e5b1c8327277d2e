import { createRouter, createWebHashHistory } from 'vue-router'
import InboxPage from '@/features/inbox/InboxPage.vue'
import AtRiskPage from '@/features/metrics/AtRiskPage.vue'
import ReservationsPage from '@/features/reservations/ReservationsPage.vue'
import SettingsPage from '@/features/settings/SettingsPage.vue'
import TemplatesPage from '@/features/templates/TemplatesPage.vue'

// Hash history: the Electron app loads from file://, where path URLs cannot be served.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'inbox', component: InboxPage },
    { path: '/reservations', name: 'reservations', component: ReservationsPage },
    { path: '/templates', name: 'templates', component: TemplatesPage },
    { path: '/settings', name: 'settings', component: SettingsPage },
    { path: '/at-risk', name: 'atRisk', component: AtRiskPage },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
