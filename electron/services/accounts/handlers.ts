import type { BridgeHandlers } from '../bridge-dispatch'
import type { EventHub } from '../event-hub'
import type { PlatformConnection } from '../platform/connection'
import { valueOf } from '../platform/handlers'
import type { Accounts } from './accounts'

type AccountChannel =
  | 'platform:status'
  | 'accounts:list'
  | 'accounts:test'
  | 'accounts:add'
  | 'accounts:remove'
  | 'accounts:activate'

/** Account management and the connection status. */
export function createAccountHandlers(
  accounts: Accounts,
  connection: PlatformConnection,
  events: EventHub,
): Pick<BridgeHandlers, AccountChannel> {
  /**
   * Tells every window; a new active account (or new credentials for it) gets a new client.
   * Otherwise the client and its token stay: tokens are scarce (30 per hour).
   */
  async function changed<T>(change: () => Promise<T>, credentialsChanged = false): Promise<T> {
    const before = await accounts.activeId()
    const result = await change()
    events.emit('accounts:changed', await accounts.list())
    if (credentialsChanged || (await accounts.activeId()) !== before) await connection.reset()
    return result
  }

  return {
    'platform:status': () => connection.status(),
    'accounts:list': () => accounts.list(),
    'accounts:test': async (target) => {
      const credentials =
        'accountId' in target
          ? await accounts.credentials(target.accountId)
          : {
              id: 'connection-test',
              baseUrl: target.baseUrl,
              clientId: target.clientId,
              secret: async () => target.clientSecret,
            }
      const client = connection.probeClient({
        account: {
          id: credentials.id,
          baseUrl: credentials.baseUrl,
          clientId: credentials.clientId,
        },
        secret: credentials.secret,
      })
      const properties = valueOf(await client.properties())
      return { propertyCount: properties.length }
    },
    'accounts:add': (draft) => changed(() => accounts.add(draft), true),
    'accounts:remove': ({ accountId }) =>
      changed(async () => {
        await accounts.remove(accountId)
        return null
      }),
    'accounts:activate': ({ accountId }) => changed(() => accounts.activate(accountId)),
  }
}
