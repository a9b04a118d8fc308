import type { AuthSignOutResult } from '@plugboard/core';
import { deleteUser } from '../operations/deleteUser.js';
import { clearFederation, federate } from '../operations/federate.js';
import { getCurrentUser } from '../operations/getCurrentUser.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { signOut } from '../operations/signOut.js';
import {
  validateFederateOptions,
  validateNoOptions,
  validateProvider,
  validateSignOutOptions,
  validateStringRecord,
  validateToken,
} from '../shared/validate.js';
import { endHostedUiSession } from './hostedUiMethods.js';
import { local, network, type Prepared } from './invoke.js';
import type { ConfirmSignInOptions } from './options.js';
import { userPoolOperations } from './userPoolOperationTable.js';
import { validateCode, validateSignInInput } from './userPoolValidate.js';

/** Validates the positional arguments and options (before any request) and prepares the queued operation. */
type Prepare = (positional: readonly unknown[], options: unknown) => Prepared<unknown>;

/** The queued operations the plugin class declares itself (the federation, session and sign-in basics). */
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
  signIn([username, password], options) {
    const input = validateSignInInput(username, password, options);
    return network(async (runtime) => (await userPoolOperations()).startSignIn(runtime, input));
  },
  confirmSignIn([challengeResponse], options) {
    const response = validateCode(challengeResponse, 'The challenge response');
    const attributes = validateStringRecord(
      (options as ConfirmSignInOptions | undefined)?.userAttributes,
      'userAttributes',
    );
    return network(async (runtime) =>
      (await userPoolOperations()).confirmSignInStep(runtime, response, attributes),
    );
  },
  signOut(_, options): Prepared<AuthSignOutResult> {
    const { globalSignOut, browser } = validateSignOutOptions(options);
    const run = (runtime: PluginRuntime) => signOut(runtime, globalSignOut);
    return {
      ...(globalSignOut ? network(run) : local(run)),
      after: (result, configured) => endHostedUiSession(configured, result, browser),
    };
  },
  deleteUser(_, options) {
    validateNoOptions(options, 'deleteUser');
    return network(deleteUser);
  },
  getCurrentUser(_, options) {
    validateNoOptions(options, 'getCurrentUser');
    return network(getCurrentUser);
  },
};
