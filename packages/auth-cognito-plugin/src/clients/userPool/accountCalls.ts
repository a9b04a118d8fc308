import { authOf, delivery, deliveredTo, meta, nameValues } from './sdkShapes.js';
import type {
  LoadedUserPoolSdk as Loaded,
  ClientMetadata as Metadata,
  MfaMethodSetting,
  TotpAuthorization,
} from './sdkShapes.js';

type Attributes = Readonly<Record<string, string>>;

/*
 * The signed-in user's own calls (by access token): password, attributes, TOTP and MFA preference. Each is
 * the body of one SdkUserPoolService call and runs inside its `#call` (one error mapping, bounded transport).
 */

async function none(sent: Promise<unknown>): Promise<void> {
  await sent;
}

export function changePassword(
  { sdk, client }: Loaded,
  accessToken: string,
  previousPassword: string,
  proposedPassword: string,
) {
  return none(
    client.send(
      new sdk.ChangePasswordCommand({
        AccessToken: accessToken,
        PreviousPassword: previousPassword,
        ProposedPassword: proposedPassword,
      }),
    ),
  );
}

export async function getUser({ sdk, client }: Loaded, accessToken: string) {
  const out = await client.send(new sdk.GetUserCommand({ AccessToken: accessToken }));
  return {
    username: out.Username ?? '',
    attributes: (out.UserAttributes ?? []).map((a) => ({ name: a.Name ?? '', value: a.Value ?? '' })),
    mfaSettings: out.UserMFASettingList ?? [],
    ...(out.PreferredMfaSetting ? { preferredMfa: out.PreferredMfaSetting } : {}),
  };
}

export async function updateUserAttributes(
  { sdk, client }: Loaded,
  accessToken: string,
  attributes: Attributes,
  clientMetadata: Metadata,
) {
  const out = await client.send(
    new sdk.UpdateUserAttributesCommand({
      AccessToken: accessToken,
      UserAttributes: nameValues(attributes),
      ...meta(clientMetadata),
    }),
  );
  return (out.CodeDeliveryDetailsList ?? []).map(delivery);
}

export function verifyUserAttribute(
  { sdk, client }: Loaded,
  accessToken: string,
  attributeName: string,
  code: string,
) {
  return none(
    client.send(
      new sdk.VerifyUserAttributeCommand({
        AccessToken: accessToken,
        AttributeName: attributeName,
        Code: code,
      }),
    ),
  );
}

export async function getUserAttributeVerificationCode(
  { sdk, client }: Loaded,
  accessToken: string,
  attributeName: string,
  clientMetadata: Metadata,
) {
  return deliveredTo(
    await client.send(
      new sdk.GetUserAttributeVerificationCodeCommand({
        AccessToken: accessToken,
        AttributeName: attributeName,
        ...meta(clientMetadata),
      }),
    ),
  );
}

export async function associateSoftwareToken({ sdk, client }: Loaded, auth: TotpAuthorization) {
  const out = await client.send(new sdk.AssociateSoftwareTokenCommand(authOf(auth)));
  if (!out.SecretCode) throw new Error('AssociateSoftwareToken answered without a secret');
  return { secretCode: out.SecretCode, ...(out.Session ? { session: out.Session } : {}) };
}

export async function verifySoftwareToken(
  { sdk, client }: Loaded,
  auth: TotpAuthorization,
  code: string,
  friendlyDeviceName?: string,
) {
  const out = await client.send(
    new sdk.VerifySoftwareTokenCommand({
      ...authOf(auth),
      UserCode: code,
      ...(friendlyDeviceName ? { FriendlyDeviceName: friendlyDeviceName } : {}),
    }),
  );
  if (out.Status && out.Status !== 'SUCCESS')
    throw Object.assign(new Error('Code mismatch'), { name: 'CodeMismatchException' });
  return out.Session ? { session: out.Session } : {};
}

export function setUserMfaPreference(
  { sdk, client }: Loaded,
  accessToken: string,
  sms?: MfaMethodSetting,
  totp?: MfaMethodSetting,
) {
  const setting = (s: MfaMethodSetting) => ({ Enabled: s.enabled, PreferredMfa: s.preferred });
  return none(
    client.send(
      new sdk.SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        ...(sms ? { SMSMfaSettings: setting(sms) } : {}),
        ...(totp ? { SoftwareTokenMfaSettings: setting(totp) } : {}),
      }),
    ),
  );
}
