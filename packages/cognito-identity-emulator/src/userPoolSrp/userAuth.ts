import { randomUUID, timingSafeEqual } from 'node:crypto';
import { checkSecretHash, requireParameters } from './frontInput.js';
import { maskDestination, type PasswordlessSettings } from './passwordless.js';
import type { WebAuthnStore } from './webAuthn.js';
import { FrontFailure, type Json, type Upstream } from './userPoolUpstream.js';

/**
 * Choice-based sign-in (AuthFlow USER_AUTH) as the service plays it: a preferred challenge, or
 * SELECT_CHALLENGE with the AvailableChallenges; EMAIL_OTP and SMS_OTP one-time codes; PASSWORD and
 * PASSWORD_SRP; WEB_AUTHN with CREDENTIAL_REQUEST_OPTIONS. The same one-time-code sessions carry the
 * e-mail MFA challenge (EMAIL_OTP after a password) and the SELECT_MFA_TYPE that offers it.
 */

/** Who is signing in, as the sign-in side knows it. */
export interface Signer {
  readonly poolId: string;
  readonly clientId: string;
  readonly secret: string | undefined;
  readonly username: string;
  /** The name the user typed (an alias such as the e-mail address); answers may name it or `username`. */
  readonly typed?: string;
  readonly deviceKey?: string;
}

/** What the sign-in side lends to choice-based sign-in. */
export interface PasswordSteps {
  /** The PASSWORD_VERIFIER challenge for an SRP_A (the SRP sign-in continues there). */
  beginSrp(p: Signer, srpA: string): Json;
  /** A USER_PASSWORD_AUTH sign-in upstream, completed (devices, MFA) as any password sign-in. */
  password(p: Signer, password: string): Promise<Json>;
  /** Tokens for a user who passed a passwordless first factor (no MFA asked). */
  passwordless(p: Signer): Promise<Json>;
  /** Whether the front knows the user's password (users it did not learn cannot sign in). */
  known(poolId: string, username: string): boolean;
}

type Session =
  | (Signer & { kind: 'select'; available: string[] })
  | (Signer & {
      kind: 'otp';
      medium: 'EMAIL' | 'SMS';
      code: string;
      held?: Held;
      onPass?: () => Promise<void>;
    })
  | (Signer & { kind: 'webauthn'; challenge: string })
  | (Signer & { kind: 'select-mfa'; choices: string[]; upstream: Json; held: MfaTokens });

/**
 * The tokens an e-mail MFA code stands for, made when the code is answered: they are bound to the
 * device the answer names in DEVICE_KEY (as the upstream's own MFA answers are), else a new device.
 */
export type MfaTokens = (deviceKey: string | undefined) => Promise<Json>;
/** What a one-time-code session gives once its code is answered: tokens (e-mail MFA set-up) or MFA tokens. */
type Held = Json | MfaTokens;

const SESSION_MS = 3 * 60_000;
const CHALLENGES = ['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP', 'PASSWORD', 'PASSWORD_SRP'];
const expired = (): FrontFailure =>
  new FrontFailure('NotAuthorizedException', 'Invalid session for the user, session is expired.');

const attribute = (user: Json, name: string): string | undefined =>
  (user.UserAttributes as { Name: string; Value: string }[] | undefined)?.find((a) => a.Name === name)?.Value;

export function userAuth(
  settings: PasswordlessSettings,
  upstream: Upstream,
  passkeys: WebAuthnStore,
  steps: PasswordSteps,
  now: () => number = Date.now,
) {
  const sessions = new Map<string, { s: Session; until: number }>();
  const spent = new Map<string, number>(); // ended or expired session -> until when it is remembered

  const open = (s: Session, name: string, parameters: Json, extra: Json = {}): Json => {
    const at = now();
    for (const [id, { until }] of sessions) {
      if (until > at) continue;
      sessions.delete(id);
      spent.set(id, at + SESSION_MS);
    }
    for (const [id, until] of spent) if (until <= at) spent.delete(id);
    const id = randomUUID();
    sessions.set(id, { s, until: at + SESSION_MS });
    return {
      ChallengeName: name,
      Session: id,
      ChallengeParameters: { USERNAME: s.username, USER_ID_FOR_SRP: s.username, ...parameters },
      ...extra,
    };
  };

  /** Sends a one-time code by e-mail or SMS and opens the EMAIL_OTP / SMS_OTP challenge. */
  const sendCode = (
    p: Signer,
    medium: 'EMAIL' | 'SMS',
    to: string,
    held?: Held,
    onPass?: () => Promise<void>,
  ): Json => {
    const purpose = held ? 'MFA' : 'SIGN_IN';
    const code = settings.code({ poolId: p.poolId, username: p.username, medium, destination: to, purpose });
    return open(
      { ...p, kind: 'otp', medium, code, ...(held ? { held } : {}), ...(onPass ? { onPass } : {}) },
      medium === 'EMAIL' ? 'EMAIL_OTP' : 'SMS_OTP',
      { CODE_DELIVERY_DELIVERY_MEDIUM: medium, CODE_DELIVERY_DESTINATION: maskDestination(medium, to) },
    );
  };

  const userOf = (p: Signer): Promise<Json> =>
    upstream.must('AdminGetUser', { UserPoolId: p.poolId, Username: p.username });

  /** Starts the chosen first factor; PASSWORD and PASSWORD_SRP need their parameter in `params`. */
  const start = async (p: Signer, choice: string, params: Record<string, string>): Promise<Json> => {
    if (choice === 'PASSWORD') {
      requireParameters(params, ['PASSWORD']);
      return steps.password(p, params.PASSWORD!);
    }
    if (choice === 'PASSWORD_SRP') {
      requireParameters(params, ['SRP_A']);
      return steps.beginSrp(p, params.SRP_A!);
    }
    if (choice === 'WEB_AUTHN') {
      // The assertion needs this challenge, so a CREDENTIAL sent with the selection cannot be checked yet.
      const { options, challenge } = await passkeys.requestOptions(p.poolId, p.username);
      return open({ ...p, kind: 'webauthn', challenge }, 'WEB_AUTHN', {
        CREDENTIAL_REQUEST_OPTIONS: options,
      });
    }
    const user = await userOf(p);
    const medium = choice === 'EMAIL_OTP' ? 'EMAIL' : 'SMS';
    return sendCode(p, medium, attribute(user, medium === 'EMAIL' ? 'email' : 'phone_number')!);
  };

  const initiate = async (body: Json): Promise<Json | undefined> => {
    if (body.AuthFlow !== 'USER_AUTH') return undefined;
    const params = (body.AuthParameters ?? {}) as Record<string, string>;
    requireParameters(params, ['USERNAME']);
    const clientId = String(body.ClientId);
    const poolId = await upstream.poolIdFor(clientId);
    const described = await upstream.must('DescribeUserPoolClient', {
      UserPoolId: poolId,
      ClientId: clientId,
    });
    const flows = ((described.UserPoolClient as Json).ExplicitAuthFlows as string[] | undefined) ?? [];
    if (!flows.includes('ALLOW_USER_AUTH')) {
      throw new FrontFailure('InvalidParameterException', 'USER_AUTH flow not enabled for this client');
    }
    const secret = await upstream.clientSecret(poolId, clientId);
    checkSecretHash(secret, clientId, params.USERNAME!, params.SECRET_HASH);
    const preferred = params.PREFERRED_CHALLENGE;
    if (preferred !== undefined && !CHALLENGES.includes(preferred)) {
      throw new FrontFailure(
        'InvalidParameterException',
        `PREFERRED_CHALLENGE must be one of ${CHALLENGES.join(', ')}.`,
      );
    }
    const username = await upstream.canonical(poolId, params.USERNAME!);
    if (!username || !steps.known(poolId, username))
      throw new FrontFailure('UserNotFoundException', 'User does not exist.');
    const p: Signer = {
      poolId,
      clientId,
      secret,
      username,
      typed: params.USERNAME!,
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
    };
    const user = await userOf(p);
    if (user.UserStatus === 'UNCONFIRMED')
      throw new FrontFailure('UserNotConfirmedException', 'User is not confirmed.');
    const f = settings.factors;
    const available = [
      ...(f.has('WEB_AUTHN') && passkeys.has(poolId, username) ? ['WEB_AUTHN'] : []),
      ...(f.has('EMAIL_OTP') && attribute(user, 'email') ? ['EMAIL_OTP'] : []),
      ...(f.has('SMS_OTP') && attribute(user, 'phone_number') ? ['SMS_OTP'] : []),
      'PASSWORD',
      'PASSWORD_SRP',
    ];
    if (preferred !== undefined && available.includes(preferred)) return start(p, preferred, params);
    return open(
      { ...p, kind: 'select', available },
      'SELECT_CHALLENGE',
      {},
      { AvailableChallenges: available },
    );
  };

  const sameCode = (given: string | undefined, expected: string): boolean => {
    const a = Buffer.from(String(given ?? ''));
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  async function respondTo(id: string, name: unknown, responses: Record<string, string>): Promise<Json> {
    const entry = sessions.get(id);
    if (!entry || entry.until <= now()) {
      sessions.delete(id);
      spent.set(id, now() + SESSION_MS);
      throw expired();
    }
    const { s } = entry;
    const end = (): void => void (sessions.delete(id), spent.set(id, now() + SESSION_MS));
    const wrongStep = (): FrontFailure =>
      new FrontFailure('InvalidParameterException', `Unexpected challenge ${String(name)}.`);
    if (s.kind === 'select' && name === 'SELECT_CHALLENGE') {
      requireParameters(responses, ['ANSWER']);
      if (!s.available.includes(responses.ANSWER!)) {
        throw new FrontFailure(
          'InvalidParameterException',
          `ANSWER must be one of ${s.available.join(', ')}.`,
        );
      }
      const next = await start(s, responses.ANSWER!, responses);
      end();
      return next;
    }
    if (s.kind === 'otp' && name === (s.medium === 'EMAIL' ? 'EMAIL_OTP' : 'SMS_OTP')) {
      const field = s.medium === 'EMAIL' ? 'EMAIL_OTP_CODE' : 'SMS_OTP_CODE';
      requireParameters(responses, [field]);
      // A wrong code keeps the session: the user may try again until it ends.
      if (!sameCode(responses[field], s.code))
        throw new FrontFailure('CodeMismatchException', 'Invalid code or auth state for the user.');
      end();
      await s.onPass?.();
      if (typeof s.held === 'function') return s.held(responses.DEVICE_KEY);
      return s.held ?? steps.passwordless(s);
    }
    if (s.kind === 'webauthn' && name === 'WEB_AUTHN') {
      requireParameters(responses, ['CREDENTIAL']);
      await passkeys.verifyAssertion(s.poolId, s.username, s.challenge, responses.CREDENTIAL);
      end();
      return steps.passwordless(s);
    }
    if (s.kind === 'select-mfa' && name === 'SELECT_MFA_TYPE') {
      requireParameters(responses, ['ANSWER']);
      if (!s.choices.includes(responses.ANSWER!)) {
        throw new FrontFailure('InvalidParameterException', `ANSWER must be one of ${s.choices.join(', ')}.`);
      }
      end();
      if (responses.ANSWER !== 'EMAIL_OTP') return s.upstream; // the upstream's own MFA challenge
      const user = await userOf(s);
      return sendCode(s, 'EMAIL', attribute(user, 'email')!, s.held);
    }
    throw wrongStep();
  }

  /** Answers a challenge of one of its sessions; `undefined` when the session is not one of them. */
  const respond = async (body: Json): Promise<Json | undefined> => {
    const id = String(body.Session);
    const entry = sessions.get(id);
    if (!entry) {
      if (spent.has(id)) throw expired();
      return undefined;
    }
    const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
    requireParameters(responses, ['USERNAME']);
    const { s } = entry;
    const named = responses.USERNAME!;
    if (named !== s.username && named !== s.typed)
      throw new FrontFailure('NotAuthorizedException', 'Invalid session for the user.');
    checkSecretHash(s.secret, s.clientId, named, responses.SECRET_HASH);
    return respondTo(id, body.ChallengeName, responses);
  };

  /**
   * E-mail MFA after a password: tokens become an EMAIL_OTP challenge whose answer gets them; the upstream's
   * own MFA challenge becomes SELECT_MFA_TYPE offering EMAIL_OTP too (or EMAIL_OTP when it is preferred).
   */
  const mfa = async (p: Signer, answer: Json, held: MfaTokens, preferEmail: boolean): Promise<Json> => {
    const user = await userOf(p);
    const email = attribute(user, 'email');
    if (!email) return answer;
    if ((answer.AuthenticationResult && !answer.ChallengeName) || preferEmail)
      return sendCode(p, 'EMAIL', email, held);
    const upstreamMfa = String(answer.ChallengeName);
    // The upstream's own choice (TOTP and SMS) stays as it is: e-mail is offered beside one factor only.
    if (upstreamMfa === 'SELECT_MFA_TYPE') return answer;
    if (user.PreferredMfaSetting === upstreamMfa) return answer;
    const choices = [upstreamMfa, 'EMAIL_OTP'];
    return open({ ...p, kind: 'select-mfa', choices, upstream: answer, held }, 'SELECT_MFA_TYPE', {
      MFAS_CAN_CHOOSE: JSON.stringify(choices),
    });
  };

  /** MFA_SETUP answered with an EMAIL: the code goes there; once it is back, `onPass` and the tokens. */
  const emailSetup = async (
    setup: { poolId: string; username: string; clientId: string; tokens: Json },
    address: string,
    onPass: () => Promise<void>,
  ): Promise<Json> => {
    const secret = await upstream.clientSecret(setup.poolId, setup.clientId);
    return sendCode({ ...setup, secret }, 'EMAIL', address, setup.tokens, onPass);
  };

  return { initiate, respond, mfa, emailSetup };
}

export type UserAuth = ReturnType<typeof userAuth>;
