import type { AuthSignOutResult } from '@plugboard/core';
import { clearFederation, federate } from '../operations/federation/federate.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { signOut } from '../operations/userPool/signOut.js';
import {
  validateFederateOptions,
  validateNoOptions,
  validateProvider,
  validateSignOutOptions,
  validateToken,
} from '../model/validate.js';
import { local, network, type Prepared } from './invoke.js';

/** Validates the positional arguments and options (before any request) and prepares the queued operation. */
type Prepare = (positional: readonly unknown[], options: unknown) => Prepared<unknown>;

/** The queued operations the plugin class declares itself (the federation and session basics). */
export const CORE_OPERATIONS: Record<string, Prepare> = {
  federateToIdentityPool([token, provider], options) {
    const validToken = validateToken(token);
    const validProvider = validateProvider(provider);
    const { developerProvidedIdentityId } = validateFederateOptions(options);
    return network((runtime) => federate(runtime, validToken, validProvider, developerProvidedIdentityId));
  },
  clearFederationToIdentityPool(_, options) {
    validateNoOptions(options, 'clearFederationToIdentityPool');
    return local(clearFederation);
  },
  signOut(_, options): Prepared<AuthSignOutResult> {
    const { globalSignOut, browser } = validateSignOutOptions(options);
    const run = (runtime: PluginRuntime) => signOut(runtime, globalSignOut);
    return {
      ...(globalSignOut ? network(run) : local(run)),
      // The hosted UI, when configured, came with the user-pool code.
      after: async (result, configured) =>
        configured.userPoolApi
          ? configured.userPoolApi.endHostedUiSession(configured, result, browser)
          : result,
    };
  },
};
