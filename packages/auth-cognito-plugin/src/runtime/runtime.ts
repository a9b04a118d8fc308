import { SdkIdentityPoolService } from '../clients/identityPool/SdkIdentityPoolService.js';

// The plugin's runtime, loaded on first use (the one dynamic import of `load.ts`): the state machine,
// the session store and fetcher, and the federation and session operations. The user-pool and hosted-UI
// side is `userPool.ts`, loaded only when needed.

export { createRuntime } from './createRuntime.js';
export { abandonedByReset, perform } from './perform.js';
export { clearFederation, federate } from '../operations/federation/federate.js';
export { signOut } from '../operations/userPool/signOut.js';

/**
 * The escape hatch's identity-pool service: its wrapper is small and part of the runtime; the AWS SDK
 * client behind it is imported only by `loadEscapeHatch()`.
 */
export const loadSdkIdentityPool = async () => ({ SdkIdentityPoolService });
