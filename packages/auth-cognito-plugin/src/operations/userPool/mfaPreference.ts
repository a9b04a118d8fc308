import type { MFAType } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';
import { webAuthnCalls } from './passwordless/passkeys.js';

/** The preference of one MFA method, as `updateMFAPreference` takes it. */
export type MFAPreference = 'ENABLED' | 'DISABLED' | 'PREFERRED' | 'NOT_PREFERRED';

/** What `fetchMFAPreference` answers. */
export interface UserMFAPreference {
  /** The MFA methods enabled for the user. */
  readonly enabled?: readonly MFAType[];
  /** The preferred MFA method, if one is set. */
  readonly preferred?: MFAType;
}

const SETTINGS: Record<MFAPreference, { enabled: boolean; preferred: boolean }> = {
  ENABLED: { enabled: true, preferred: false },
  DISABLED: { enabled: false, preferred: false },
  PREFERRED: { enabled: true, preferred: true },
  NOT_PREFERRED: { enabled: true, preferred: false },
};
const TYPES: Record<string, MFAType> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP', EMAIL_OTP: 'EMAIL' };

/** Enables, disables or prefers SMS, TOTP and e-mail MFA for the signed-in user. */
export async function updateMFAPreference(
  runtime: PluginRuntime,
  sms: MFAPreference | undefined,
  totp: MFAPreference | undefined,
  email?: MFAPreference,
): Promise<void> {
  const calls = requireCalls(runtime, 'MFA preferences');
  if (email) {
    const withEmail = webAuthnCalls(runtime, 'e-mail MFA');
    const token = await currentAccessToken(runtime, 'updateMFAPreference');
    const [s, t, e] = [sms && SETTINGS[sms], totp && SETTINGS[totp], SETTINGS[email]];
    return withEmail.setMfaPreference(token, {
      ...(s ? { sms: s } : {}),
      ...(t ? { totp: t } : {}),
      email: e,
    });
  }
  const token = await currentAccessToken(runtime, 'updateMFAPreference');
  await calls.setUserMfaPreference(token, sms && SETTINGS[sms], totp && SETTINGS[totp]);
}

/** The signed-in user's enabled and preferred MFA methods. */
export async function fetchMFAPreference(runtime: PluginRuntime): Promise<UserMFAPreference> {
  const calls = requireCalls(runtime, 'MFA preferences');
  const user = await calls.getUser(await currentAccessToken(runtime, 'fetchMFAPreference'));
  const enabled = user.mfaSettings.flatMap((m) => TYPES[m] ?? []);
  const preferred = user.preferredMfa ? TYPES[user.preferredMfa] : undefined;
  return Object.freeze({
    ...(enabled.length > 0 ? { enabled: Object.freeze(enabled) } : {}),
    ...(preferred ? { preferred } : {}),
  });
}
