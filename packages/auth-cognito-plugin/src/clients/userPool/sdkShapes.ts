import type {
  AuthenticationResultType,
  CodeDeliveryDetailsType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { earliestExpiry } from '../../model/jwt.js';
import type { UserPoolTokenSet } from '../../model/types.js';

/** The AWS SDK module and the user-pool client of the one wrapper (`SdkUserPoolService`), once loaded. */
export interface LoadedUserPoolSdk {
  readonly sdk: typeof import('@aws-sdk/client-cognito-identity-provider');
  readonly client: CognitoIdentityProviderClient;
}

/** `loaded` whose client sends every command with `signal` as its abort signal. */
export function abortable(loaded: LoadedUserPoolSdk, signal: AbortSignal): LoadedUserPoolSdk {
  const send = ((command: never, options?: object) =>
    loaded.client.send(command, { ...options, abortSignal: signal })) as LoadedUserPoolSdk['client']['send'];
  return {
    sdk: loaded.sdk,
    client: new Proxy(loaded.client, {
      get: (target, key) => (key === 'send' ? send : Reflect.get(target, key, target)),
    }),
  };
}

/**
 * The wrapper's one call path (`SdkUserPoolService.#call`): loads the SDK client (with the bounded
 * transport), runs `work` and maps a failure with the one user-pool error mapping.
 */
export type UserPoolSdkCall = <T>(
  action: string,
  work: (loaded: LoadedUserPoolSdk) => Promise<T>,
) => Promise<T>;

/** What a password sign-in step answers: the tokens, or the next challenge. */
export type SignInOutcome =
  | { readonly kind: 'tokens'; readonly tokens: UserPoolTokenSet }
  | {
      readonly kind: 'newPasswordRequired';
      readonly session: string;
      readonly missingAttributes: readonly string[];
    };

/** One step of a sign-in as the service answered it: tokens, or the next challenge. */
export interface AuthStepResponse {
  readonly challengeName?: string;
  readonly challengeParameters: Readonly<Record<string, string>>;
  readonly session?: string;
  readonly tokens?: UserPoolTokenSet;
  /** NewDeviceMetadata of the tokens: a device the pool issued, for the plugin to confirm. */
  readonly newDevice?: { readonly deviceKey: string; readonly groupKey: string };
}

/** Where the service sent a code (CodeDeliveryDetails), as it answered. */
export interface CodeDelivery {
  readonly destination?: string;
  readonly deliveryMedium?: string;
  readonly attributeName?: string;
}

/** What GetUser answers. */
export interface UserPoolUser {
  readonly username: string;
  readonly attributes: readonly { readonly name: string; readonly value: string }[];
  readonly mfaSettings: readonly string[];
  readonly preferredMfa?: string;
}

/** An MFA method's setting for SetUserMFAPreference. */
export interface MfaMethodSetting {
  readonly enabled: boolean;
  readonly preferred: boolean;
}

/** A TOTP association is made either for a signed-in user or during sign-in (MFA_SETUP). */
export type TotpAuthorization = { readonly accessToken: string } | { readonly session: string };

/** Client metadata for Lambda triggers. */
export type ClientMetadata = Readonly<Record<string, string>> | undefined;

type Metadata = Readonly<Record<string, string>> | undefined;

/** Request and answer shapes of the user-pool SDK commands. */

export function meta(clientMetadata: Metadata): { ClientMetadata?: Record<string, string> } {
  return clientMetadata ? { ClientMetadata: { ...clientMetadata } } : {};
}

export function authOf(auth: TotpAuthorization): { AccessToken?: string; Session?: string } {
  return 'accessToken' in auth ? { AccessToken: auth.accessToken } : { Session: auth.session };
}

export function delivery(details: CodeDeliveryDetailsType): CodeDelivery {
  return {
    ...(details.Destination ? { destination: details.Destination } : {}),
    ...(details.DeliveryMedium ? { deliveryMedium: details.DeliveryMedium } : {}),
    ...(details.AttributeName ? { attributeName: details.AttributeName } : {}),
  };
}

/** The step an InitiateAuth / RespondToAuthChallenge answer describes. */
export function step(out: {
  AuthenticationResult?: AuthenticationResultType;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AvailableChallenges?: string[];
}): AuthStepResponse {
  const result = out.AuthenticationResult;
  const tokens =
    result?.AccessToken && result.IdToken && result.RefreshToken
      ? {
          accessToken: result.AccessToken,
          idToken: result.IdToken,
          refreshToken: result.RefreshToken,
          expiresAt: earliestExpiry(result.AccessToken, result.IdToken),
        }
      : undefined;
  const device = result?.NewDeviceMetadata;
  if (!out.ChallengeName && !tokens) throw new Error('The user pool answered without tokens or a challenge');
  return {
    ...(out.ChallengeName ? { challengeName: out.ChallengeName } : {}),
    challengeParameters: {
      ...(out.ChallengeParameters ?? {}),
      // USER_AUTH's SELECT_CHALLENGE lists the first factors beside the parameters.
      ...(out.AvailableChallenges ? { AVAILABLE_CHALLENGES: JSON.stringify(out.AvailableChallenges) } : {}),
    },
    ...(out.Session ? { session: out.Session } : {}),
    ...(tokens ? { tokens } : {}),
    ...(tokens && device?.DeviceKey && device.DeviceGroupKey
      ? { newDevice: { deviceKey: device.DeviceKey, groupKey: device.DeviceGroupKey } }
      : {}),
  };
}

/** A password sign-in step as the session sees it: the tokens, or a new password to set. */
export function signInOutcome(out: {
  AuthenticationResult?: AuthenticationResultType;
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
}): SignInOutcome {
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
  const refreshToken = result?.RefreshToken;
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

/** Name/value pairs of user attributes. */
export const nameValues = (attributes: Readonly<Record<string, string>>) =>
  Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));

/** Where a code was sent, when the answer says. */
export const deliveredTo = (out: { CodeDeliveryDetails?: Parameters<typeof delivery>[0] }) =>
  out.CodeDeliveryDetails ? delivery(out.CodeDeliveryDetails) : undefined;
