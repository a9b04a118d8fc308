import {
  Amplify,
  InvalidParameterException,
  NotAuthorizedException,
  SignedOutException,
} from '@plugboard/core';
import { AWSCognitoAuthPlugin, fetchForSdk } from './AWSCognitoAuthPlugin.js';
import { makeCredentials } from './model/credentials.js';
import { currentAuthContext, refusalOf, type AuthContext } from './context/AuthContext.js';

/** How long before `expiration` the AWS SDK v3 asks its credentials provider again (5 minutes). */
export const SDK_REFRESH_WINDOW_MS = 5 * 60_000;

/**
 * Credentials in the shape AWS SDK v3 clients take (structurally the SDK's `AwsCredentialIdentity`).
 * Declared here so that the plugin's types do not depend on an SDK-internal package.
 */
export interface AwsCredentialIdentity {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The secret access key. */
  readonly secretAccessKey: string;
  /** The session token of temporary credentials. */
  readonly sessionToken?: string;
  /** When the credentials expire. */
  readonly expiration?: Date;
}

/** What the SDK passes to a credentials provider; only `forceRefresh` is read. */
export interface AwsIdentityProperties {
  /** True when the SDK wants new credentials even if the cached ones have not expired. */
  readonly forceRefresh?: boolean;
  /** Other properties the SDK passes; ignored. */
  readonly [key: string]: unknown;
}

/** An AWS SDK v3 credentials provider (the SDK's `AwsCredentialIdentityProvider`). */
export type AwsCredentialIdentityProvider = (
  identityProperties?: AwsIdentityProperties,
) => Promise<AwsCredentialIdentity>;

/** Options of {@link fromAmplifyAuth}. */
export interface FromAmplifyAuthOptions {
  /** The plugin whose session signs the requests. Default: the current auth context's plugin (inside `runWithAuthContext`), else `Amplify.Auth.getPlugin('awsCognitoAuthPlugin')`, looked up on each call. */
  readonly plugin?: AWSCognitoAuthPlugin;
  /**
   * The server-side auth context whose session signs the requests. Default: the current context of
   * `runWithAuthContext`, if any. A provider of a context refuses (`InvalidStateException`) once the
   * context has ended, and inside another context's `runWithAuthContext`.
   */
  readonly context?: AuthContext;
}

/**
 * An AWS SDK v3 credentials provider backed by the auth plugin's session:
 * `new DynamoDBClient({ region, credentials: fromAmplifyAuth() })`.
 *
 * Each call answers the plugin's current credentials (refreshed shortly before they expire; concurrent
 * calls share the plugin's one refresh), as a new object the SDK may write onto. Its `expiration` is
 * when the SDK should ask again, not when AWS stops accepting the credentials: the moment the plugin
 * would refresh them (its `credentialsRefreshMarginSeconds` before they expire) plus the five minutes
 * before expiry at which the SDK refreshes, so the SDK asks once per refresh and never in between. The SDK's `forceRefresh`
 * asks the plugin for new credentials. When the session has no credentials the call rejects with a typed
 * `AuthException`: `SignedOutException` when nobody is signed in and the pool gives no guest credentials,
 * otherwise the plugin's own (`SessionExpiredException` when the provider token expired, ...).
 *
 * The SDK caches what a provider answers until the plugin would refresh it: after a sign-out or
 * a switch of user, a client keeps signing with the cached credentials until then. Create a new client
 * when the user changes.
 */
export function fromAmplifyAuth(options: FromAmplifyAuthOptions = {}): AwsCredentialIdentityProvider {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterException(
      'fromAmplifyAuth: options must be an object.',
      'Call fromAmplifyAuth() or fromAmplifyAuth({ plugin }).',
    );
  const unknown = Object.keys(options).filter((key) => key !== 'plugin' && key !== 'context');
  if (unknown.length > 0)
    throw new InvalidParameterException(
      `fromAmplifyAuth: unknown option ${JSON.stringify(unknown[0])}.`,
      'The options are `plugin`, an AWSCognitoAuthPlugin, and `context`, an AuthContext.',
    );
  const { context } = options;
  if (
    context !== undefined &&
    (typeof context !== 'object' || context === null || !(context.plugin instanceof AWSCognitoAuthPlugin))
  )
    throw new InvalidParameterException(
      'fromAmplifyAuth: `context` must be an AuthContext.',
      'Pass the context runWithAuthContext or createAuthContext gave you.',
    );
  if (context !== undefined && options.plugin !== undefined)
    throw new InvalidParameterException(
      'fromAmplifyAuth: give `plugin` or `context`, not both.',
      'Pass only the context: its plugin signs the requests.',
    );
  // A context that has ended, or another context than the running one's: refused here already.
  const refused = context && refusalOf(context.plugin);
  if (refused) throw refused;
  // Inside runWithAuthContext, a provider made without options belongs to that context.
  const plugin = options.plugin ?? context?.plugin ?? currentAuthContext()?.plugin;
  if (plugin !== undefined && !(plugin instanceof AWSCognitoAuthPlugin))
    throw new InvalidParameterException(
      'fromAmplifyAuth: `plugin` must be an AWSCognitoAuthPlugin.',
      "Pass the plugin you added to Amplify, or leave `plugin` out to use Amplify.Auth.getPlugin('awsCognitoAuthPlugin').",
    );
  return async (identityProperties) => {
    const source = plugin ?? currentAuthContext()?.plugin ?? Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
    const forceRefresh = identityProperties?.forceRefresh === true;
    const { session, refreshAt } = await fetchForSdk(source, forceRefresh);
    const result = session.awsCredentialsResult;
    if (result.type === 'FAILURE') {
      // The pool's refusal of guest access speaks of tokens; say what it means for a client that signs.
      if (!session.isSignedIn && result.error instanceof NotAuthorizedException)
        throw new SignedOutException(
          'No AWS credentials to sign the request with: nobody is signed in, and the identity pool gives no guest credentials.',
          'Sign in or call federateToIdentityPool before sending requests with this client, or allow unauthenticated identities on the identity pool.',
          { cause: result.error },
        );
      throw result.error;
    }
    const { accessKeyId, secretAccessKey, sessionToken, expiration: expiresAt } = result.value;
    // The SDK asks again once `expiration` is less than SDK_REFRESH_WINDOW_MS away: tell it so that this
    // happens exactly when the plugin would refresh (its margin, not the SDK's), and not before.
    const expiration = refreshAt === undefined ? expiresAt.getTime() : refreshAt + SDK_REFRESH_WINDOW_MS;
    return makeCredentials({ accessKeyId, secretAccessKey, sessionToken, expiration });
  };
}
