import { makeCredentials } from '../session/credentials.js';
import type { AWSTemporaryCredentials } from '../model.js';

export type Logins = Readonly<Record<string, string>>;

/** The two Amazon Cognito Identity calls the plugin makes. Unit tests may pass a fake. */
export interface IdentityPoolService {
  getId(identityPoolId: string, logins: Logins | undefined): Promise<string>;
  getCredentialsForIdentity(identityId: string, logins: Logins | undefined): Promise<AWSTemporaryCredentials>;
}

/** Identity ids the service answered with credentials, by credentials object (see `answeredIdentityId`). */
const answeredIds = new WeakMap<AWSTemporaryCredentials, string>();

/**
 * The identity id GetCredentialsForIdentity answered with `credentials`, or `asked` when unknown. After
 * the service merged identities it answers the surviving id, which is the one to store from then on.
 */
export function answeredIdentityId(credentials: AWSTemporaryCredentials, asked: string): string {
  return answeredIds.get(credentials) ?? asked;
}

/** The fields of a GetCredentialsForIdentity answer, with the expiration already in epoch milliseconds. */
export interface CredentialsAnswer {
  readonly identityId?: unknown;
  readonly accessKeyId?: unknown;
  readonly secretKey?: unknown;
  readonly sessionToken?: unknown;
  readonly expirationMs?: number;
}

/** The plugin's credentials object for a GetCredentialsForIdentity answer; throws when a field is missing. */
export function credentialsFromAnswer(answer: CredentialsAnswer): AWSTemporaryCredentials {
  const { accessKeyId, secretKey, sessionToken, expirationMs } = answer;
  if (
    typeof accessKeyId !== 'string' ||
    !accessKeyId ||
    typeof secretKey !== 'string' ||
    !secretKey ||
    typeof sessionToken !== 'string' ||
    !sessionToken ||
    expirationMs === undefined ||
    !Number.isFinite(expirationMs)
  ) {
    throw new Error('GetCredentialsForIdentity answered without complete credentials');
  }
  const credentials = makeCredentials({
    accessKeyId,
    secretAccessKey: secretKey,
    sessionToken,
    expiration: expirationMs,
  });
  if (typeof answer.identityId === 'string' && answer.identityId)
    answeredIds.set(credentials, answer.identityId);
  return credentials;
}

/** The GetId / GetCredentialsForIdentity request bodies (a copy of `logins`, left out when absent). */
export function getIdInput(identityPoolId: string, logins: Logins | undefined) {
  return { IdentityPoolId: identityPoolId, ...(logins ? { Logins: { ...logins } } : {}) };
}
export function getCredentialsInput(identityId: string, logins: Logins | undefined) {
  return { IdentityId: identityId, ...(logins ? { Logins: { ...logins } } : {}) };
}
