import { validateNoOptions } from '../model/validate.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import {
  associateWebAuthnCredential,
  deleteWebAuthnCredential,
  listWebAuthnCredentials,
} from '../operations/userPool/passwordless/passkeys.js';
import {
  validateCredentialId,
  validateListInput,
} from '../operations/userPool/passwordless/validatePasswordless.js';

type Prepare = (args: readonly unknown[], options: unknown) => (runtime: PluginRuntime) => Promise<unknown>;

/**
 * The user-pool side of the passkey methods' rows (their arity is in `facade/passwordlessMethods.ts`):
 * arguments checked before any request (and WebAuthn before the first one).
 */
export const PASSWORDLESS_OPERATIONS = {
  associateWebAuthnCredential: (_, options) => {
    validateNoOptions(options, 'associateWebAuthnCredential');
    return (rt) => associateWebAuthnCredential(rt);
  },
  listWebAuthnCredentials: (_, input) => {
    const valid = validateListInput(input);
    return (rt) => listWebAuthnCredentials(rt, valid);
  },
  deleteWebAuthnCredential: ([id], options) => {
    const credentialId = validateCredentialId(id);
    validateNoOptions(options, 'deleteWebAuthnCredential');
    return (rt) => deleteWebAuthnCredential(rt, credentialId);
  },
} satisfies Record<string, Prepare>;
