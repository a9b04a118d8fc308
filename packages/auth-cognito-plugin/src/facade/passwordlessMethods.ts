import type { ListWebAuthnCredentialsResult } from '../operations/userPool/passwordless/passkeys.js';
import type { MFAPreference } from '../operations/userPool/mfaPreference.js';
import type { AuthErrorCallback } from '../types.js';
import { pool, type Method } from './method.js';

/** The input of `listWebAuthnCredentials`. */
export interface ListWebAuthnCredentialsInput {
  /** Passkeys per page, 1 to 20 (20 when left out). */
  readonly pageSize?: number;
  /** The `nextToken` of the previous page. */
  readonly nextToken?: string;
}

/** The MFA preferences `updateMFAPreference` takes in its record form. */
export interface UpdateMFAPreferenceInput {
  /** The SMS MFA preference; left out, it stays as it is. */
  readonly sms?: MFAPreference;
  /** The TOTP MFA preference; left out, it stays as it is. */
  readonly totp?: MFAPreference;
  /** The e-mail MFA preference; left out, it stays as it is. */
  readonly email?: MFAPreference;
}

/**
 * Passkeys (WebAuthn, in a browser page).
 * Each has the promise form and the callback form of Amplify Android.
 */
export interface AWSCognitoPasswordlessMethods {
  /** Registers a passkey of this browser's authenticators for the signed-in user (navigator.credentials.create). */
  associateWebAuthnCredential(): Promise<void>;
  /**
   * Callback form of `associateWebAuthnCredential`: `onError` receives SignedOutException without a
   * signed-in user, WebAuthnNotSupportedException without WebAuthn, UserCancelledException on a cancel.
   */
  associateWebAuthnCredential(onSuccess: () => void, onError: AuthErrorCallback): void;

  /** The signed-in user's passkeys, a page at a time. */
  listWebAuthnCredentials(input?: ListWebAuthnCredentialsInput): Promise<ListWebAuthnCredentialsResult>;
  /** Callback form of `listWebAuthnCredentials`: `onSuccess` receives the first page. */
  listWebAuthnCredentials(
    onSuccess: (result: ListWebAuthnCredentialsResult) => void,
    onError: AuthErrorCallback,
  ): void;
  /** Callback form of `listWebAuthnCredentials` with the page size and the `nextToken` of the previous page. */
  listWebAuthnCredentials(
    input: ListWebAuthnCredentialsInput | undefined,
    onSuccess: (result: ListWebAuthnCredentialsResult) => void,
    onError: AuthErrorCallback,
  ): void;

  /** Deletes one of the signed-in user's passkeys (its `credentialId` from the list). */
  deleteWebAuthnCredential(credentialId: string): Promise<void>;
  /** Callback form of `deleteWebAuthnCredential`: `onSuccess` once the passkey is deleted. */
  deleteWebAuthnCredential(credentialId: string, onSuccess: () => void, onError: AuthErrorCallback): void;
}

/** The rows of the passkey methods in the one method table: the arity (their checks and operations are in
 * `runtime/passwordlessOperations.ts`, on the user-pool side). */
export const PASSWORDLESS_METHODS = {
  associateWebAuthnCredential: pool(0),
  listWebAuthnCredentials: pool(0),
  deleteWebAuthnCredential: pool(1),
} satisfies Record<keyof AWSCognitoPasswordlessMethods, Method>;
