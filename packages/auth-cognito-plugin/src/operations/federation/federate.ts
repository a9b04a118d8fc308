import type { AuthProvider } from '../../model/AuthProvider.js';
import { validateIdentityId } from '../../model/validate.js';
import { refusal } from '../../session/guards.js';
import type { FederateToIdentityPoolResult } from '../../model/types.js';
import { requireIdentityPool, type PluginRuntime } from '../PluginRuntime.js';
import { abandonable } from '../abandonable.js';

/**
 * Exchanges a provider token for an identity id and credentials: GetId (unless the app provides the
 * identity id) then GetCredentialsForIdentity. The new session replaces the old one only on success.
 */
export async function federate(
  runtime: PluginRuntime,
  token: string,
  provider: AuthProvider,
  developerProvidedIdentityId: string | undefined,
): Promise<FederateToIdentityPoolResult> {
  const denied = refusal(runtime.machine.state, 'federate');
  if (denied) throw denied;
  const { poolId, service: client } = requireIdentityPool(runtime);
  const service = abandonable(client, runtime.machine.signal, poolId);
  if (developerProvidedIdentityId !== undefined) {
    validateIdentityId(developerProvidedIdentityId, 'developerProvidedIdentityId', poolId);
  }
  const logins = { [provider.providerName]: token };
  const askedId = developerProvidedIdentityId ?? (await service.getId(poolId, logins));
  // After a merge the service answers the surviving identity id.
  const { identityId, credentials, issuedAt } = await service.getCredentialsForIdentity(askedId, logins);
  await runtime.machine.dispatch({
    type: 'federated',
    session: {
      providerName: provider.providerName,
      providerToken: token,
      identityId,
      credentials,
      credentialsIssuedAt: issuedAt,
      tokenRejected: false,
    },
  });
  return Object.freeze({ identityId, credentials });
}

/** Forgets the federated session locally: no network call. */
export async function clearFederation(runtime: PluginRuntime): Promise<void> {
  const denied = refusal(runtime.machine.state, 'clearFederation');
  if (denied) throw denied;
  await runtime.machine.dispatch({ type: 'federationCleared' });
}
