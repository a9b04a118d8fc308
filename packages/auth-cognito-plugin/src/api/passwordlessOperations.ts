import { validateNoOptions } from '../model/validate.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import {
  validateCredentialId,
  validateListInput,
} from '../operations/userPool/passwordless/validatePasswordless.js';

const operations = () => import('./userPoolOperationsEntry.js');

type Prepare = (args: readonly unknown[], options: unknown) => (runtime: PluginRuntime) => Promise<unknown>;

/** The passkey methods: arguments checked before any request (and WebAuthn before the first one). */
export const PASSWORDLESS_OPERATIONS: Record<
  'associateWebAuthnCredential' | 'listWebAuthnCredentials' | 'deleteWebAuthnCredential',
  Prepare
> = {
  associateWebAuthnCredential: (_, options) => {
    validateNoOptions(options, 'associateWebAuthnCredential');
    return async (rt) => (await operations()).associateWebAuthnCredential(rt);
  },
  listWebAuthnCredentials: (_, input) => {
    const valid = validateListInput(input);
    return async (rt) => (await operations()).listWebAuthnCredentials(rt, valid);
  },
  deleteWebAuthnCredential: ([id], options) => {
    const credentialId = validateCredentialId(id);
    validateNoOptions(options, 'deleteWebAuthnCredential');
    return async (rt) => (await operations()).deleteWebAuthnCredential(rt, credentialId);
  },
};
