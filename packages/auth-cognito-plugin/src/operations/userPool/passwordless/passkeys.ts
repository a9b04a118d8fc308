import { InvalidStateException } from '@plugboard/core';
import type {
  WebAuthnCalls,
  WebAuthnCredentialDescription,
} from '../../../clients/userPool/webAuthnCalls.js';
import { createPasskey, requireWebAuthn } from '../../../webauthn/passkeyCeremonies.js';
import { requireUserPool, type PluginRuntime } from '../../PluginRuntime.js';
import { currentAccessToken } from '../userPoolCalls.js';

/** What `listWebAuthnCredentials` answers. */
export interface ListWebAuthnCredentialsResult {
  /** The passkeys of this page. */
  readonly credentials: readonly WebAuthnCredentialDescription[];
  /** Pass it to the next `listWebAuthnCredentials` call for the next page; absent on the last page. */
  readonly nextToken?: string;
}

/** The passkey and e-mail MFA calls of the configured SDK service (an injected service has none). */
export function webAuthnCalls(runtime: PluginRuntime, what: string): WebAuthnCalls {
  const calls = requireUserPool(runtime).service.webAuthn;
  if (!calls) {
    throw new InvalidStateException(
      `The user-pool service passed to the plugin cannot do ${what}.`,
      'Leave userPoolService out to use the AWS SDK.',
    );
  }
  return calls;
}

/** Registers a passkey of this browser's authenticators for the signed-in user. */
export async function associateWebAuthnCredential(runtime: PluginRuntime): Promise<void> {
  const container = requireWebAuthn('Registering a passkey');
  const calls = webAuthnCalls(runtime, 'passkeys');
  const token = await currentAccessToken(runtime, 'associateWebAuthnCredential');
  const options = await calls.startRegistration(token);
  const credential = await createPasskey(container, options);
  await calls.completeRegistration(token, credential);
}

/** The signed-in user's passkeys, a page at a time. */
export async function listWebAuthnCredentials(
  runtime: PluginRuntime,
  input: { pageSize?: number; nextToken?: string },
): Promise<ListWebAuthnCredentialsResult> {
  const calls = webAuthnCalls(runtime, 'passkeys');
  const token = await currentAccessToken(runtime, 'listWebAuthnCredentials');
  const page = await calls.list(token, input.pageSize, input.nextToken);
  return Object.freeze({
    credentials: Object.freeze(page.credentials.map((c) => Object.freeze(c))),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  });
}

/** Deletes one of the signed-in user's passkeys. */
export async function deleteWebAuthnCredential(runtime: PluginRuntime, credentialId: string): Promise<void> {
  const calls = webAuthnCalls(runtime, 'passkeys');
  const token = await currentAccessToken(runtime, 'deleteWebAuthnCredential');
  await calls.delete(token, credentialId);
}
