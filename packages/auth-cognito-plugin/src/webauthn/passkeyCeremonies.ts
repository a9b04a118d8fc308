import { UnknownException, UserCancelledException } from '@plugboard/core';
import { WebAuthnNotSupportedException } from '../model/userPoolExceptions.js';
import { fromBase64Url, toBase64Url } from './base64url.js';

// The browser side of passkeys: navigator.credentials.create / get, with the JSON forms Cognito sends
// and wants back (PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON, ...).

type Json = Record<string, unknown>;

/** The credentials container of the page, or a typed error saying why there is none (before any request). */
export function requireWebAuthn(what: string): CredentialsContainer {
  const scope = globalThis as {
    navigator?: Navigator;
    isSecureContext?: boolean;
    PublicKeyCredential?: unknown;
  };
  if (!scope.navigator?.credentials || typeof scope.PublicKeyCredential !== 'function') {
    throw new WebAuthnNotSupportedException(
      `${what} needs WebAuthn (navigator.credentials and PublicKeyCredential), which this environment does not have.`,
      'Use passkeys in a browser page; elsewhere (Node, a web view without WebAuthn) sign in with a code or a password.',
    );
  }
  if (scope.isSecureContext === false) {
    throw new WebAuthnNotSupportedException(
      `${what} needs a secure context: the page is not served over https or from localhost.`,
      'Serve the page over https (or http://localhost during development).',
    );
  }
  return scope.navigator.credentials;
}

const bytes = (value: unknown): Uint8Array<ArrayBuffer> => fromBase64Url(String(value));
const descriptors = (list: unknown): PublicKeyCredentialDescriptor[] =>
  (Array.isArray(list) ? (list as Json[]) : []).map((d) => ({
    type: 'public-key',
    id: bytes(d.id),
    ...(Array.isArray(d.transports) ? { transports: d.transports as AuthenticatorTransport[] } : {}),
  }));

/** The browser's refusal (a cancelled or timed-out prompt, an excluded authenticator) as a typed error. */
function browserRefusal(error: unknown, what: string): Error {
  // No credential at all (a null answer) is a dismissed prompt too.
  const name =
    error === undefined
      ? 'NotAllowedError'
      : typeof (error as { name?: unknown } | null)?.name === 'string'
        ? (error as { name: string }).name
        : '';
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return new UserCancelledException(
      `${what} was cancelled or timed out in the browser.`,
      'Try again and complete the passkey prompt; the sign-in step is kept for a retry.',
      { cause: error },
    );
  }
  if (name === 'SecurityError' || name === 'NotSupportedError') {
    return new WebAuthnNotSupportedException(
      `${what} was refused by the browser (${name}): the relying party id does not match this page, or the authenticator cannot do it.`,
      "Serve the page from the pool's relying party domain over https, or use another authenticator.",
      { cause: error },
    );
  }
  if (name === 'InvalidStateError') {
    return new UnknownException(
      `${what} failed: this authenticator already holds a passkey of this user.`,
      'Use the passkey already registered, or delete it first.',
      { cause: error },
    );
  }
  return new UnknownException(`${what} failed in the browser (${name || 'unknown error'}).`, 'Try again.', {
    cause: error,
  });
}

/** Runs one browser ceremony; a refusal, a dismissed prompt or no credential is a typed error. */
async function ceremony(run: () => Promise<Credential | null>, action: string): Promise<PublicKeyCredential> {
  let credential: PublicKeyCredential | null;
  try {
    credential = (await run()) as PublicKeyCredential | null;
  } catch (error) {
    throw browserRefusal(error, action);
  }
  if (!credential) throw browserRefusal(undefined, action);
  return credential;
}

/** The fields both response JSON shapes share. */
function credentialFields(credential: PublicKeyCredential): Json {
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    ...(credential.authenticatorAttachment
      ? { authenticatorAttachment: credential.authenticatorAttachment }
      : {}),
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

/** Registers a passkey: the creation options of StartWebAuthnRegistration in, RegistrationResponseJSON out. */
export async function createPasskey(container: CredentialsContainer, options: Json): Promise<Json> {
  const user = (options.user ?? {}) as Json;
  const publicKey = {
    ...options,
    challenge: bytes(options.challenge),
    user: { ...user, id: bytes(user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  } as unknown as PublicKeyCredentialCreationOptions;
  const credential = await ceremony(() => container.create({ publicKey }), 'Creating the passkey');
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    ...credentialFields(credential),
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      attestationObject: toBase64Url(response.attestationObject),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
  };
}

/** Signs a WEB_AUTHN challenge: CREDENTIAL_REQUEST_OPTIONS in, AuthenticationResponseJSON out. */
export async function getPasskey(container: CredentialsContainer, options: Json): Promise<Json> {
  const publicKey = {
    ...options,
    challenge: bytes(options.challenge),
    ...(options.allowCredentials ? { allowCredentials: descriptors(options.allowCredentials) } : {}),
  } as unknown as PublicKeyCredentialRequestOptions;
  const credential = await ceremony(() => container.get({ publicKey }), 'Signing in with the passkey');
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    ...credentialFields(credential),
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      authenticatorData: toBase64Url(response.authenticatorData),
      signature: toBase64Url(response.signature),
      ...(response.userHandle ? { userHandle: toBase64Url(response.userHandle) } : {}),
    },
  };
}
