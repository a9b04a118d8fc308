import type {
  AuthenticationResultType,
  CodeDeliveryDetailsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { earliestExpiry } from '../../model/jwt.js';
import type { AuthStepResponse, CodeDelivery, TotpAuthorization } from './UserPoolCalls.js';

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
    challengeParameters: { ...(out.ChallengeParameters ?? {}) },
    ...(out.Session ? { session: out.Session } : {}),
    ...(tokens ? { tokens } : {}),
    ...(tokens && device?.DeviceKey && device.DeviceGroupKey
      ? { newDevice: { deviceKey: device.DeviceKey, groupKey: device.DeviceGroupKey } }
      : {}),
  };
}
