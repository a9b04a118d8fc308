import type { AWSCognitoUserPoolTokens, AWSTemporaryCredentials } from './types.js';
import { redacted } from './redact.js';

/** Credentials as persisted: the expiration in epoch milliseconds. */
export interface StoredCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: number;
}

export function makeCredentials(fields: StoredCredentials): AWSTemporaryCredentials {
  return redacted(
    {
      accessKeyId: fields.accessKeyId,
      secretAccessKey: fields.secretAccessKey,
      sessionToken: fields.sessionToken,
      expiration: new Date(fields.expiration),
    },
    ['secretAccessKey', 'sessionToken'],
    'AWSTemporaryCredentials',
  );
}

export function storeCredentials(credentials: AWSTemporaryCredentials): StoredCredentials {
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration.getTime(),
  };
}

export function makeUserPoolTokens(tokens: AWSCognitoUserPoolTokens): AWSCognitoUserPoolTokens {
  return redacted(
    { accessToken: tokens.accessToken, idToken: tokens.idToken, refreshToken: tokens.refreshToken },
    ['accessToken', 'idToken', 'refreshToken'],
    'AWSCognitoUserPoolTokens',
  );
}
