import { Amplify, InvalidParameterException } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from './AWSCognitoAuthPlugin.js';
import { makeCredentials } from './session/credentials.js';

/**
 * Credentials in the shape AWS SDK v3 clients take (structurally the SDK's `AwsCredentialIdentity`).
 * Declared here so that the plugin's types do not depend on an SDK-internal package.
 */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** What the SDK passes to a credentials provider; only `forceRefresh` is read. */
export interface AwsIdentityProperties {
  readonly forceRefresh?: boolean;
  readonly [key: string]: unknown;
}

/** An AWS SDK v3 credentials provider (the SDK's `AwsCredentialIdentityProvider`). */
export type AwsCredentialIdentityProvider = (
  identityProperties?: AwsIdentityProperties,
) => Promise<AwsCredentialIdentity>;

/** Options of {@link fromAmplifyAuth}. */
export interface FromAmplifyAuthOptions {
  /** The plugin whose session signs the requests. Default: `Amplify.Auth.getPlugin('awsCognitoAuthPlugin')`, looked up on each call. */
  readonly plugin?: AWSCognitoAuthPlugin;
}

/**
 * An AWS SDK v3 credentials provider backed by the auth plugin's session:
 * `new DynamoDBClient({ region, credentials: fromAmplifyAuth() })`.
 *
 * Each call answers the plugin's current credentials (refreshed shortly before they expire; concurrent
 * calls share the plugin's one refresh), as a new object the SDK may write onto. The SDK's `forceRefresh`
 * asks the plugin for new credentials. When the session has no credentials (signed out and no guest
 * access, provider token expired, ...) the call rejects with the plugin's typed `AuthException`.
 */
export function fromAmplifyAuth(options: FromAmplifyAuthOptions = {}): AwsCredentialIdentityProvider {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterException(
      'fromAmplifyAuth: options must be an object.',
      'Call fromAmplifyAuth() or fromAmplifyAuth({ plugin }).',
    );
  const unknown = Object.keys(options).filter((key) => key !== 'plugin');
  if (unknown.length > 0)
    throw new InvalidParameterException(
      `fromAmplifyAuth: unknown option ${JSON.stringify(unknown[0])}.`,
      'The only option is `plugin`, an AWSCognitoAuthPlugin.',
    );
  const { plugin } = options;
  if (plugin !== undefined && !(plugin instanceof AWSCognitoAuthPlugin))
    throw new InvalidParameterException(
      'fromAmplifyAuth: `plugin` must be an AWSCognitoAuthPlugin.',
      "Pass the plugin you added to Amplify, or leave `plugin` out to use Amplify.Auth.getPlugin('awsCognitoAuthPlugin').",
    );
  return async (identityProperties) => {
    const source = plugin ?? Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
    const session = await source.fetchAuthSession({
      forceRefresh: identityProperties?.forceRefresh === true,
    });
    const result = session.awsCredentialsResult;
    if (result.type === 'FAILURE') throw result.error;
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = result.value;
    return makeCredentials({ accessKeyId, secretAccessKey, sessionToken, expiration: expiration.getTime() });
  };
}
