import { onScopeDispose } from 'vue'
import { useRouter } from 'vue-router'
import { desk } from '@/bridge'

/** Follows the application menu's "Settings…" and "Inbox" items. */
export function useNavigationRequests(): void {
  const router = useRouter()
  const stop = desk.on('app:navigationRequested', ({ route }) => {
    void router.push({ name: route })
  })
  onScopeDispose(stop)
}
