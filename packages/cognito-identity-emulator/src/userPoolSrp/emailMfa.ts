import { FrontFailure, userOfAccessToken, type Json, type Upstream } from './userPoolUpstream.js';

/**
 * E-mail as an MFA factor for an upstream that has none: SetUserMFAPreference (and the admin form) with
 * EmailMfaSettings is kept by the front, the other settings go upstream; GetUser and AdminGetUser show
 * EMAIL_OTP in UserMFASettingList and PreferredMfaSetting. The sign-in side asks for the code.
 */

interface Preference {
  enabled: boolean;
  preferred: boolean;
}

type Settings = { Enabled?: unknown; PreferredMfa?: unknown } | undefined;

const OTHER_MFA = ['SMSMfaSettings', 'SoftwareTokenMfaSettings'];

export class EmailMfa {
  readonly #upstream: Upstream;
  readonly #prefs = new Map<string, Preference>(); // pool/user -> e-mail MFA preference

  constructor(upstream: Upstream) {
    this.#upstream = upstream;
  }

  /** The user's e-mail MFA preference (`undefined` when not enabled). */
  preference(poolId: string, username: string): Preference | undefined {
    const p = this.#prefs.get(`${poolId}/${username}`);
    return p?.enabled ? p : undefined;
  }

  /** E-mail MFA set up at sign-in (MFA_SETUP): on and preferred, the address becomes the user's e-mail. */
  async enable(poolId: string, username: string, address: string): Promise<void> {
    const user = await this.#upstream.must('AdminGetUser', { UserPoolId: poolId, Username: username });
    const attrs = (user.UserAttributes as { Name: string; Value: string }[] | undefined) ?? [];
    if (attrs.find((a) => a.Name === 'email')?.Value !== address) {
      await this.#upstream.must('AdminUpdateUserAttributes', {
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [{ Name: 'email', Value: address }],
      });
    }
    this.#prefs.set(`${poolId}/${username}`, { enabled: true, preferred: true });
  }

  /** Answers the MFA preference and user calls it changes; `undefined` for other operations. */
  async answer(operation: string, body: Json): Promise<Json | undefined> {
    if (operation === 'SetUserMFAPreference' || operation === 'AdminSetUserMFAPreference') {
      const admin = operation.startsWith('Admin');
      const who = admin
        ? {
            poolId: String(body.UserPoolId),
            username: (await this.#upstream.canonical(String(body.UserPoolId), String(body.Username))) ?? '',
          }
        : await this.#upstream.accessTokenUser(body.AccessToken);
      const email = body.EmailMfaSettings as Settings;
      if (email !== undefined && (typeof email !== 'object' || email === null)) {
        throw new FrontFailure('SerializationException', 'EmailMfaSettings must be a JSON object.');
      }
      if (email) await this.#set(who.poolId, who.username, email);
      const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'EmailMfaSettings'));
      if (OTHER_MFA.some((k) => rest[k] !== undefined)) {
        await this.#upstream.must(operation, rest);
        // Another factor made preferred takes the preference from e-mail.
        const others = OTHER_MFA.map((k) => rest[k] as Settings);
        const pref = this.#prefs.get(`${who.poolId}/${who.username}`);
        if (pref && others.some((o) => o?.PreferredMfa === true)) pref.preferred = false;
      }
      return {};
    }
    if (operation !== 'GetUser' && operation !== 'AdminGetUser') return undefined;
    const out = await this.#upstream.must(operation, body);
    const poolId =
      operation === 'AdminGetUser'
        ? String(body.UserPoolId)
        : userOfAccessToken(String(body.AccessToken)).poolId; // the upstream checked the token
    const pref = this.preference(poolId, String(out.Username));
    if (!pref) return out;
    const list = [...((out.UserMFASettingList as string[] | undefined) ?? []), 'EMAIL_OTP'];
    return {
      ...out,
      UserMFASettingList: list,
      ...(pref.preferred ? { PreferredMfaSetting: 'EMAIL_OTP' } : {}),
    };
  }

  async #set(poolId: string, username: string, email: NonNullable<Settings>): Promise<void> {
    if (!username) throw new FrontFailure('UserNotFoundException', 'User does not exist.');
    const user = await this.#upstream.must('AdminGetUser', { UserPoolId: poolId, Username: username });
    const attrs = (user.UserAttributes as { Name: string }[] | undefined) ?? [];
    const key = `${poolId}/${username}`;
    const pref = this.#prefs.get(key) ?? { enabled: false, preferred: false };
    const enabled = email.Enabled === undefined ? pref.enabled : email.Enabled === true;
    const preferred = email.PreferredMfa === undefined ? pref.preferred : email.PreferredMfa === true;
    if (enabled && !attrs.some((a) => a.Name === 'email')) {
      throw new FrontFailure(
        'InvalidParameterException',
        'User does not have an email address for email MFA.',
      );
    }
    if (preferred && !enabled) {
      throw new FrontFailure(
        'InvalidParameterException',
        'Cannot set EMAIL_OTP as preferred: it is not enabled.',
      );
    }
    // E-mail preferred wins over the upstream's preferred factor at sign-in; the upstream is left as it is.
    this.#prefs.set(key, { enabled, preferred });
  }
}
