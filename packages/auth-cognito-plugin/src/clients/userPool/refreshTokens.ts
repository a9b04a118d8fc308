import type {
  AuthenticationResultType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ServiceException, type CognitoUserPoolConfig } from '@plugboard/core';
import type { UserPoolTokenSet } from '../../model/types.js';
import { earliestExpiry } from '../../model/jwt.js';
import { secretHash } from './secretHash.js';

type SdkModule = typeof import('@aws-sdk/client-cognito-identity-provider');
type Loaded = { sdk: SdkModule; client: CognitoIdentityProviderClient };

/** What a service that does not offer GetTokensFromRefreshToken answers (Cognito; cognito-local). */
const UNKNOWN_OPERATION = new Set(['UnknownOperationException', 'Unsupported', 'CognitoLocal#Unsupported']);

/** Remembers, per service, that GetTokensFromRefreshToken is not offered, so later refreshes skip it. */
export interface RefreshMemory {
  getTokensUnsupported: boolean;
}

/**
 * New user-pool tokens from the refresh token: GetTokensFromRefreshToken (which app clients with
 * refresh-token rotation require, and which returns the rotated refresh token), falling back to
 * InitiateAuth REFRESH_TOKEN_AUTH where the service does not know that operation. A refusal of the
 * client's secret is a configuration error, not an expired session: it becomes a ServiceException that
 * keeps the service's name, so the user stays signed in.
 */
export async function refreshTokens(
  { sdk, client }: Loaded,
  config: CognitoUserPoolConfig,
  refreshToken: string,
  username: string,
  memory: RefreshMemory,
  deviceKey?: string,
): Promise<UserPoolTokenSet> {
  try {
    if (!memory.getTokensUnsupported) {
      try {
        const out = await client.send(
          new sdk.GetTokensFromRefreshTokenCommand({
            RefreshToken: refreshToken,
            ClientId: config.AppClientId,
            ...(config.AppClientSecret ? { ClientSecret: config.AppClientSecret } : {}),
            ...(deviceKey ? { DeviceKey: deviceKey } : {}),
          }),
        );
        return tokensOf(out.AuthenticationResult, refreshToken);
      } catch (error) {
        if (!UNKNOWN_OPERATION.has(String((error as { name?: unknown }).name))) throw error;
        memory.getTokensUnsupported = true;
      }
    }
    const hash: Record<string, string> = config.AppClientSecret
      ? { SECRET_HASH: await secretHash(username, config.AppClientId, config.AppClientSecret) }
      : {};
    const out = await client.send(
      new sdk.InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: config.AppClientId,
        AuthParameters: {
          REFRESH_TOKEN: refreshToken,
          ...hash,
          ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
        },
      }),
    );
    return tokensOf(out.AuthenticationResult, refreshToken);
  } catch (error) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (name === 'NotAuthorizedException' && /secret ?hash/i.test(String(message))) {
      throw new ServiceException(
        'Refreshing the user-pool tokens failed: the app client refused its secret (NotAuthorizedException).',
        'Check AppClientSecret in the configuration: it must be the secret of AppClientId. The session is kept.',
        { cause: error, metadata: { serviceErrorName: 'NotAuthorizedException' } },
      );
    }
    throw error;
  }
}

function tokensOf(
  result: AuthenticationResultType | undefined,
  previousRefreshToken: string,
): UserPoolTokenSet {
  if (!result?.AccessToken || !result.IdToken) throw new Error('The user pool answered without tokens');
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken ?? previousRefreshToken,
    expiresAt: earliestExpiry(result.AccessToken, result.IdToken),
  };
}
