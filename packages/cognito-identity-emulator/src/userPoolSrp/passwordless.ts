import { randomInt } from 'node:crypto';
import { EmulatorUsageError } from '../usageError.js';

/**
 * The front's passwordless settings: what a user pool's sign-in policy (AllowedFirstAuthFactors), its
 * WebAuthn configuration (relying party id, user verification) and its e-mail MFA setting say, plus where
 * the one-time codes come from.
 */

export type FirstAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** Who a one-time code goes to, for a code source and for `front.lastCode`. */
export interface CodeDelivery {
  /** The user pool id. */
  readonly poolId: string;
  /** The pool's own username (not an alias). */
  readonly username: string;
  /** By e-mail or by SMS. */
  readonly medium: 'EMAIL' | 'SMS';
  /** The unmasked e-mail address or phone number. */
  readonly destination: string;
  /** `SIGN_IN` for a first factor, `MFA` for e-mail MFA (sign-in or setup). */
  readonly purpose: 'SIGN_IN' | 'MFA';
}

/** Options of the front's `passwordless` setting. */
export interface PasswordlessOptions {
  /** The first factors USER_AUTH offers (PASSWORD always included). Default: all four. */
  readonly allowedFirstAuthFactors?: readonly FirstAuthFactor[];
  /** The WebAuthn relying party id. Default `'localhost'`. */
  readonly relyingPartyId?: string;
  /**
   * The origins a passkey ceremony may come from. Default: `https://` on the relying party id or a
   * subdomain of it, any port, and `http://` as well when the id is `localhost`.
   */
  readonly origins?: readonly string[];
  /** WebAuthn user verification. Default `'preferred'`. */
  readonly userVerification?: 'required' | 'preferred';
  /**
   * The one-time codes sent: a fixed code, or a function that returns one per delivery. Default: the
   * `CODE` environment variable (cognito-local's convention) if set, else six random digits.
   */
  readonly oneTimeCode?: string | ((delivery: CodeDelivery) => string);
  /** E-mail as an MFA factor (EmailMfaSettings, the EMAIL_OTP MFA challenge). Default `true`. */
  readonly emailMfa?: boolean;
}

export interface PasswordlessSettings {
  readonly factors: ReadonlySet<FirstAuthFactor>;
  readonly rpId: string;
  readonly originAllowed: (origin: string) => boolean;
  readonly userVerification: 'required' | 'preferred';
  readonly emailMfa: boolean;
  /** Makes the code for a delivery and remembers it as the user's last code. */
  code(delivery: CodeDelivery): string;
  lastCode(poolId: string, username: string): string | undefined;
}

const FACTORS: readonly FirstAuthFactor[] = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

const usage = (what: string): EmulatorUsageError =>
  new EmulatorUsageError(
    `passwordless.${what}`,
    'See the emulator README (SRP front, passwordless) for the accepted values, or leave the option out.',
  );

/** The settings for the front's options, or `undefined` when passwordless sign-in is off. */
export function passwordlessSettings(options: unknown): PasswordlessSettings | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw usage('must be an object (or left out).');
  }
  const o = options as PasswordlessOptions;
  const factors = o.allowedFirstAuthFactors ?? FACTORS;
  if (!Array.isArray(factors) || factors.some((f) => !FACTORS.includes(f)) || !factors.includes('PASSWORD')) {
    throw usage(`allowedFirstAuthFactors must list some of ${FACTORS.join(', ')}, PASSWORD included.`);
  }
  const rpId = o.relyingPartyId ?? 'localhost';
  if (typeof rpId !== 'string' || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(rpId)) {
    throw usage('relyingPartyId must be a host name such as localhost or auth.example.com.');
  }
  const uv = o.userVerification ?? 'preferred';
  if (uv !== 'required' && uv !== 'preferred')
    throw usage("userVerification must be 'required' or 'preferred'.");
  if (o.origins !== undefined && (!Array.isArray(o.origins) || o.origins.some((x) => !URL.canParse(x)))) {
    throw usage('origins must be an array of origins such as https://auth.example.com.');
  }
  if (o.emailMfa !== undefined && typeof o.emailMfa !== 'boolean') throw usage('emailMfa must be a boolean.');
  const source = o.oneTimeCode;
  if (source !== undefined && typeof source !== 'function' && !/^\d{4,8}$/.test(String(source))) {
    throw usage('oneTimeCode must be a code of 4 to 8 digits or a function returning one.');
  }
  const explicit = o.origins?.map((x) => new URL(x).origin);
  const originAllowed = (origin: string): boolean => {
    if (explicit) return explicit.includes(origin);
    if (!URL.canParse(origin)) return false;
    const { protocol, hostname } = new URL(origin);
    const host = hostname === rpId || hostname.endsWith(`.${rpId}`);
    return host && (protocol === 'https:' || (protocol === 'http:' && rpId === 'localhost'));
  };
  const last = new Map<string, string>();
  return {
    factors: new Set(factors),
    rpId,
    originAllowed,
    userVerification: uv,
    emailMfa: o.emailMfa ?? true,
    code(delivery) {
      const made =
        typeof source === 'function'
          ? String(source(delivery))
          : (source ?? process.env.CODE ?? String(randomInt(0, 1_000_000)).padStart(6, '0'));
      last.set(`${delivery.poolId}/${delivery.username}`, made);
      if (last.size > 10_000) last.delete(last.keys().next().value!);
      return made;
    },
    lastCode: (poolId, username) => last.get(`${poolId}/${username}`),
  };
}

/** `someone@example.com` -> `s***@e***`; `+15551234567` -> `+*******4567`: how the service shows destinations. */
export function maskDestination(medium: 'EMAIL' | 'SMS', destination: string): string {
  if (medium === 'SMS') return `+${'*'.repeat(Math.max(destination.length - 5, 1))}${destination.slice(-4)}`;
  const [local = '', domain = ''] = destination.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}
