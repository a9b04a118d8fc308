import { makeCredentials } from '../../model/credentials.js';
import type { AWSTemporaryCredentials } from '../../model/types.js';

export type Logins = Readonly<Record<string, string>>;

/** What GetCredentialsForIdentity answered. */
export interface IdentityPoolCredentials {
  /**
   * The identity id the service answered (the one asked for when the answer names none). After the
   * service merged identities it is the surviving id, the one to store from then on.
   */
  readonly identityId: string;
  /** The temporary AWS credentials of that identity. */
  readonly credentials: AWSTemporaryCredentials;
}

/** An answer of GetCredentialsForIdentity with when it arrived (epoch ms), for the freshness policy's margin cap. */
export interface IssuedCredentials extends IdentityPoolCredentials {
  readonly issuedAt: number;
}

/** The identity-pool calls as operations make them: bounded by the call deadline, answers time-stamped. */
export interface IdentityPoolClient {
  getId(identityPoolId: string, logins: Logins | undefined, signal?: AbortSignal): Promise<string>;
  getCredentialsForIdentity(
    identityId: string,
    logins: Logins | undefined,
    signal?: AbortSignal,
  ): Promise<IssuedCredentials>;
}

/** The two Amazon Cognito Identity calls the plugin makes. Unit tests may pass a fake. */
export interface IdentityPoolService {
  /** `signal`: the caller abandoned the call (a clear, a reset); the transfer and any back-off end at once. */
  getId(identityPoolId: string, logins: Logins | undefined, signal?: AbortSignal): Promise<string>;
  getCredentialsForIdentity(
    identityId: string,
    logins: Logins | undefined,
    signal?: AbortSignal,
  ): Promise<IdentityPoolCredentials>;
}

/** The fields of a GetCredentialsForIdentity answer, with the expiration already in epoch milliseconds. */
export interface CredentialsAnswer {
  readonly identityId?: unknown;
  readonly accessKeyId?: unknown;
  readonly secretKey?: unknown;
  readonly sessionToken?: unknown;
  readonly expirationMs?: number;
}

/**
 * The identity id and the plugin's credentials object of a GetCredentialsForIdentity answer to a request
 * for `askedId`; throws when a field of the credentials is missing.
 */
export function credentialsFromAnswer(answer: CredentialsAnswer, askedId: string): IdentityPoolCredentials {
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
  const identityId = typeof answer.identityId === 'string' && answer.identityId ? answer.identityId : askedId;
  return { identityId, credentials };
}

/** The GetId / GetCredentialsForIdentity request bodies (a copy of `logins`, left out when absent). */
export function getIdInput(identityPoolId: string, logins: Logins | undefined) {
  return { IdentityPoolId: identityPoolId, ...(logins ? { Logins: { ...logins } } : {}) };
}
export function getCredentialsInput(identityId: string, logins: Logins | undefined) {
  return { IdentityId: identityId, ...(logins ? { Logins: { ...logins } } : {}) };
}
