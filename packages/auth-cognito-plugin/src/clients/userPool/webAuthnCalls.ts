import type { MfaMethodSetting, UserPoolSdkCall } from './sdkShapes.js';

/** A registered passkey as ListWebAuthnCredentials describes it. */
export interface WebAuthnCredentialDescription {
  /** The passkey's id, the argument of `deleteWebAuthnCredential`. */
  readonly credentialId: string;
  /** The name the user or the authenticator gave the passkey, if any. */
  readonly friendlyCredentialName?: string;
  /** The relying party (domain) the passkey is bound to. */
  readonly relyingPartyId: string;
  /** `platform` (built into the device) or `cross-platform` (e.g. a security key), when known. */
  readonly authenticatorAttachment?: string;
  /** How the client reaches the authenticator (`usb`, `nfc`, `ble`, `internal`, `hybrid`), when known. */
  readonly authenticatorTransports?: readonly string[];
  /** When the passkey was registered. */
  readonly createdAt: Date;
}

/**
 * The passkey and e-mail MFA calls of the user-pool API (StartWebAuthnRegistration,
 * CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential, SetUserMFAPreference
 * with EmailMfaSettings) of the one user-pool wrapper: each goes through its call path (`call`: the same
 * SDK client with the bounded transport, the same error mapping).
 */
export class WebAuthnCalls {
  readonly #call: UserPoolSdkCall;

  constructor(call: UserPoolSdkCall) {
    this.#call = call;
  }

  startRegistration(accessToken: string): Promise<Record<string, unknown>> {
    return this.#call('Starting the passkey registration', async ({ sdk, client }) => {
      const out = await client.send(new sdk.StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      const options = out.CredentialCreationOptions as unknown;
      return typeof options === 'string'
        ? (JSON.parse(options) as Record<string, unknown>)
        : { ...(options as Record<string, unknown>) };
    });
  }

  completeRegistration(accessToken: string, credential: Record<string, unknown>): Promise<void> {
    return this.#call('Completing the passkey registration', async ({ sdk, client }) => {
      await client.send(
        new sdk.CompleteWebAuthnRegistrationCommand({
          AccessToken: accessToken,
          Credential: credential as never,
        }),
      );
    });
  }

  list(
    accessToken: string,
    maxResults: number | undefined,
    nextToken: string | undefined,
  ): Promise<{ credentials: WebAuthnCredentialDescription[]; nextToken?: string }> {
    return this.#call('Listing the passkeys', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.ListWebAuthnCredentialsCommand({
          AccessToken: accessToken,
          ...(maxResults !== undefined ? { MaxResults: maxResults } : {}),
          ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
        }),
      );
      const credentials = (out.Credentials ?? []).map((c) => ({
        credentialId: c.CredentialId ?? '',
        ...(c.FriendlyCredentialName ? { friendlyCredentialName: c.FriendlyCredentialName } : {}),
        relyingPartyId: c.RelyingPartyId ?? '',
        ...(c.AuthenticatorAttachment ? { authenticatorAttachment: c.AuthenticatorAttachment } : {}),
        ...(c.AuthenticatorTransports ? { authenticatorTransports: [...c.AuthenticatorTransports] } : {}),
        createdAt: c.CreatedAt instanceof Date ? c.CreatedAt : new Date(Number(c.CreatedAt ?? 0) * 1000),
      }));
      return { credentials, ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    });
  }

  delete(accessToken: string, credentialId: string): Promise<void> {
    return this.#call('Deleting the passkey', async ({ sdk, client }) => {
      await client.send(
        new sdk.DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: credentialId }),
      );
    });
  }

  /** SetUserMFAPreference with the e-mail setting (and SMS / TOTP when given). */
  setMfaPreference(
    accessToken: string,
    settings: { sms?: MfaMethodSetting; totp?: MfaMethodSetting; email?: MfaMethodSetting },
  ): Promise<void> {
    const of = (s: MfaMethodSetting) => ({ Enabled: s.enabled, PreferredMfa: s.preferred });
    return this.#call('Updating the MFA preference', async ({ sdk, client }) => {
      await client.send(
        new sdk.SetUserMFAPreferenceCommand({
          AccessToken: accessToken,
          ...(settings.sms ? { SMSMfaSettings: of(settings.sms) } : {}),
          ...(settings.totp ? { SoftwareTokenMfaSettings: of(settings.totp) } : {}),
          ...(settings.email ? { EmailMfaSettings: of(settings.email) } : {}),
        }),
      );
    });
  }
}
