import type {
  AuthenticationResultType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedException, type CognitoUserPoolConfig } from '@plugboard/core';
import { earliestExpiry } from '../../model/jwt.js';
import type { UserPoolTokenSet } from '../../model/types.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../deadline.js';
import { boundSdkTransport } from '../http/sdkTransport.js';
import { LazySdkClient, sdkClientSettings } from '../identityPool/LazySdkClient.js';
import { mapServiceError, serviceMetadata } from '../mapServiceError.js';
import { secretHash } from './secretHash.js';
import { lazyUserPoolCalls } from './lazyUserPoolCalls.js';
import { refreshTokens, type RefreshMemory } from './refreshTokens.js';
import { SdkDeviceCalls, type DeviceCalls } from './deviceCalls.js';
import { SdkUserPoolCalls } from './SdkUserPoolCalls.js';
import type { UserPoolCalls } from './UserPoolCalls.js';

/** What a sign-in step answers: the tokens, or the next challenge. */
export type SignInOutcome =
  | { readonly kind: 'tokens'; readonly tokens: UserPoolTokenSet }
  | {
      readonly kind: 'newPasswordRequired';
      readonly session: string;
      readonly missingAttributes: readonly string[];
    };

/** The Amazon Cognito user-pool calls the plugin makes. Unit tests may pass a fake. */
export interface UserPoolService {
  signIn(
    username: string,
    password: string,
    clientMetadata?: Readonly<Record<string, string>>,
  ): Promise<SignInOutcome>;
  confirmNewPassword(
    username: string,
    newPassword: string,
    session: string,
    userAttributes?: Readonly<Record<string, string>>,
  ): Promise<SignInOutcome>;
  /** New access and id tokens; the refresh token is kept unless the service rotates it. `deviceKey`: the confirmed device the tokens are bound to. */
  refresh(refreshToken: string, username: string, deviceKey?: string): Promise<UserPoolTokenSet>;
  /** Revokes every token of the user (all devices). */
  globalSignOut(accessToken: string): Promise<void>;
  /** Revokes the refresh token and the access tokens issued from it. */
  revokeToken(refreshToken: string): Promise<void>;
  /** Deletes the signed-in user from the pool. */
  deleteUser(accessToken: string): Promise<void>;
  /** SRP, MFA and custom challenges, sign-up, passwords, attributes, TOTP; without it only USER_PASSWORD_AUTH works. */
  readonly calls?: UserPoolCalls;
  /** Device tracking (ConfirmDevice, ListDevices, ...); without it devices are not remembered. */
  readonly devices?: DeviceCalls;
}

type SdkModule = typeof import('@aws-sdk/client-cognito-identity-provider');

/** Cognito's answer to a wrong password or unknown user is NotAuthorizedException; some emulators differ. */
const SIGN_IN_REFUSALS = new Set(['InvalidPasswordException', 'UserNotFoundException']);

/** The user-pool service over the AWS SDK, loaded on first use. */
export class SdkUserPoolService implements UserPoolService {
  readonly #client: LazySdkClient<SdkModule, CognitoIdentityProviderClient>;
  readonly #refresh: RefreshMemory = { getTokensUnsupported: false };
  readonly calls: UserPoolCalls;
  readonly devices: DeviceCalls = new SdkDeviceCalls(() => this.load());

  constructor(
    private readonly config: CognitoUserPoolConfig,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    this.calls = lazyUserPoolCalls(async () => new SdkUserPoolCalls(config, () => this.load()));
    this.#client = new LazySdkClient<SdkModule, CognitoIdentityProviderClient>(
      () => import('@aws-sdk/client-cognito-identity-provider'),
      (sdk) =>
        boundSdkTransport(
          new sdk.CognitoIdentityProviderClient(sdkClientSettings(config, requestTimeoutMs)),
          requestTimeoutMs,
        ),
    );
  }

  load(): Promise<{ sdk: SdkModule; client: CognitoIdentityProviderClient }> {
    return this.#client.load();
  }

  get loadedClient(): CognitoIdentityProviderClient | undefined {
    return this.#client.loaded;
  }

  async signIn(
    username: string,
    password: string,
    clientMetadata?: Readonly<Record<string, string>>,
  ): Promise<SignInOutcome> {
    return this.#call('Signing in', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: this.config.AppClientId,
          AuthParameters: { USERNAME: username, PASSWORD: password, ...(await this.#secretHash(username)) },
          ...(clientMetadata ? { ClientMetadata: { ...clientMetadata } } : {}),
        }),
      );
      return outcome(out, undefined);
    });
  }

  async confirmNewPassword(
    username: string,
    newPassword: string,
    session: string,
    userAttributes?: Readonly<Record<string, string>>,
  ): Promise<SignInOutcome> {
    return this.#call('Setting the new password', async ({ sdk, client }) => {
      const attributes = Object.fromEntries(
        Object.entries(userAttributes ?? {}).map(([name, value]) => [`userAttributes.${name}`, value]),
      );
      const out = await client.send(
        new sdk.RespondToAuthChallengeCommand({
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: this.config.AppClientId,
          Session: session,
          ChallengeResponses: {
            USERNAME: username,
            NEW_PASSWORD: newPassword,
            ...attributes,
            ...(await this.#secretHash(username)),
          },
        }),
      );
      return outcome(out, undefined);
    });
  }

  async refresh(refreshToken: string, username: string, deviceKey?: string): Promise<UserPoolTokenSet> {
    return this.#call('Refreshing the user-pool tokens', (loaded) =>
      refreshTokens(loaded, this.config, refreshToken, username, this.#refresh, deviceKey),
    );
  }

  async globalSignOut(accessToken: string): Promise<void> {
    await this.#call('Signing out globally', async ({ sdk, client }) => {
      await client.send(new sdk.GlobalSignOutCommand({ AccessToken: accessToken }));
    });
  }

  async revokeToken(refreshToken: string): Promise<void> {
    await this.#call('Revoking the refresh token', async ({ sdk, client }) => {
      await client.send(
        new sdk.RevokeTokenCommand({
          Token: refreshToken,
          ClientId: this.config.AppClientId,
          ...(this.config.AppClientSecret ? { ClientSecret: this.config.AppClientSecret } : {}),
        }),
      );
    });
  }

  async deleteUser(accessToken: string): Promise<void> {
    await this.#call('Deleting the user', async ({ sdk, client }) => {
      await client.send(new sdk.DeleteUserCommand({ AccessToken: accessToken }));
    });
  }

  async #secretHash(username: string): Promise<{ SECRET_HASH?: string }> {
    const secret = this.config.AppClientSecret;
    return secret ? { SECRET_HASH: await secretHash(username, this.config.AppClientId, secret) } : {};
  }

  async #call<T>(
    action: string,
    work: (loaded: { sdk: SdkModule; client: CognitoIdentityProviderClient }) => Promise<T>,
  ): Promise<T> {
    try {
      return await work(await this.load());
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && SIGN_IN_REFUSALS.has(name)) {
        const metadata = serviceMetadata(error);
        throw new NotAuthorizedException(
          `${action} failed: incorrect username or password.`,
          'Check the username and password and try again.',
          {
            cause: error,
            metadata,
          },
        );
      }
      throw mapServiceError(error, action);
    }
  }
}

function outcome(
  out: {
    AuthenticationResult?: AuthenticationResultType;
    ChallengeName?: string;
    Session?: string;
    ChallengeParameters?: Record<string, string>;
  },
  previousRefreshToken: string | undefined,
): SignInOutcome {
  if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED' && out.Session) {
    let missing: string[] = [];
    try {
      const parsed: unknown = JSON.parse(out.ChallengeParameters?.requiredAttributes ?? '[]');
      if (Array.isArray(parsed)) missing = parsed.map((a) => String(a).replace(/^userAttributes\./, ''));
    } catch {
      // no attribute list: nothing is missing
    }
    return { kind: 'newPasswordRequired', session: out.Session, missingAttributes: missing };
  }
  if (out.ChallengeName)
    throw new Error(`The user pool asked for an unsupported challenge: ${out.ChallengeName}`);
  const result = out.AuthenticationResult;
  const refreshToken = result?.RefreshToken ?? previousRefreshToken;
  if (!result?.AccessToken || !result.IdToken || !refreshToken)
    throw new Error('The user pool answered without tokens');
  return {
    kind: 'tokens',
    tokens: {
      accessToken: result.AccessToken,
      idToken: result.IdToken,
      refreshToken,
      expiresAt: earliestExpiry(result.AccessToken, result.IdToken),
    },
  };
}
