import { randomUUID } from 'node:crypto';
import { EmulatorUsageError } from '../usageError.js';
import { checkSecretHash, requireParameters } from './frontInput.js';
import { FrontFailure, userOfAccessToken, type Json, type Upstream } from './userPoolUpstream.js';

/**
 * The MFA_SETUP challenge of a user pool that requires MFA, played by the SRP front for an upstream that
 * cannot send it. Once a sign-in has earned tokens from the upstream and the user has no software-token
 * MFA there, the front keeps the tokens and answers MFA_SETUP with a session instead. The session-based
 * AssociateSoftwareToken and VerifySoftwareToken calls are carried out upstream with the kept access
 * token (the upstream makes the secret and checks the code), the upstream's MFA preference becomes
 * TOTP, and RespondToAuthChallenge MFA_SETUP hands out the kept tokens.
 */
export interface MfaSetupGate {
  /** A sign-in answer on its way to the client: tokens become an MFA_SETUP challenge when setup is due. */
  gate(answer: Json): Promise<Json>;
  /** Answers the calls that carry one of its sessions; `undefined` for any other call. */
  answer(operation: string, body: Json): Promise<Json | undefined>;
}

type Stage = 'associate' | 'verify' | 'respond';

/** E-mail MFA as a second factor to set up (MFAS_CAN_SETUP then lists EMAIL_OTP too). */
export interface EmailMfaSetup {
  /** Whether the user already has e-mail MFA (no setup is due then). */
  enabled(poolId: string, username: string): boolean;
  /** The MFA_SETUP answer with an EMAIL address: the code is sent, the EMAIL_OTP challenge holds the tokens. */
  begin(
    setup: { poolId: string; username: string; clientId: string; tokens: Json },
    email: string,
  ): Promise<Json>;
}

interface SetupSession {
  readonly stage: Stage;
  readonly poolId: string;
  readonly username: string;
  readonly tokens: Json;
  readonly expiresAt: number;
}

/** Which call may use a session of each stage. */
const STAGE_OF: Record<string, Stage> = {
  AssociateSoftwareToken: 'associate',
  VerifySoftwareToken: 'verify',
  RespondToAuthChallenge: 'respond',
};

const SESSION_ERRORS = {
  expired: 'Invalid session for the user, session is expired.',
  used: 'Invalid session for the user, session can only be used once.',
  other: 'Invalid session for the user.',
};

const invalidSession = (why: keyof typeof SESSION_ERRORS): FrontFailure =>
  new FrontFailure('NotAuthorizedException', SESSION_ERRORS[why]);

export function mfaSetupGate(
  upstream: Upstream,
  sessionMs: number,
  now: () => number = Date.now,
  email?: EmailMfaSetup,
): MfaSetupGate {
  const sessions = new Map<string, SetupSession>();
  const used = new Map<string, number>(); // spent session -> when it would have expired

  const open = (
    stage: Stage,
    { poolId, username, tokens }: Omit<SetupSession, 'stage' | 'expiresAt'>,
  ): string => {
    for (const [id, s] of sessions) if (s.expiresAt <= now()) sessions.delete(id);
    for (const [id, until] of used) if (until <= now()) used.delete(id);
    const id = randomUUID();
    sessions.set(id, { stage, poolId, username, tokens, expiresAt: now() + sessionMs });
    return id;
  };

  /** Takes the session for `operation`: the same session serves one successful call only. */
  const take = (id: string, operation: string): SetupSession => {
    const s = sessions.get(id);
    if (!s) throw invalidSession(used.has(id) ? 'used' : 'expired');
    if (s.expiresAt <= now()) {
      sessions.delete(id);
      throw invalidSession('expired');
    }
    if (s.stage !== STAGE_OF[operation]) throw invalidSession('other');
    return s;
  };
  const close = (id: string, s: SetupSession): void => {
    sessions.delete(id);
    used.set(id, s.expiresAt);
  };

  const accessTokenOf = (s: SetupSession): string =>
    String((s.tokens.AuthenticationResult as Json).AccessToken);

  const hasSoftwareToken = async (poolId: string, username: string): Promise<boolean> => {
    const user = await upstream.must('AdminGetUser', { UserPoolId: poolId, Username: username });
    const methods = (user.UserMFASettingList as string[] | undefined) ?? [];
    return methods.includes('SOFTWARE_TOKEN_MFA');
  };

  return {
    async gate(answer) {
      const result = answer.AuthenticationResult as Json | undefined;
      if (!result || answer.ChallengeName) return answer;
      const { poolId, username } = userOfAccessToken(String(result.AccessToken));
      if (email?.enabled(poolId, username) || (await hasSoftwareToken(poolId, username))) return answer;
      const can = email ? ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] : ['SOFTWARE_TOKEN_MFA'];
      return {
        ChallengeName: 'MFA_SETUP',
        Session: open('associate', { poolId, username, tokens: answer }),
        ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(can), USER_ID_FOR_SRP: username },
      };
    },

    async answer(operation, body) {
      if (!(operation in STAGE_OF) || body.Session === undefined) return undefined;
      if (operation === 'RespondToAuthChallenge' && body.ChallengeName !== 'MFA_SETUP') return undefined;
      if (body.AccessToken !== undefined) {
        throw new FrontFailure(
          'InvalidParameterException',
          'Pass either an access token or a session, not both.',
        );
      }
      const id = String(body.Session);
      const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
      // E-mail setup answers MFA_SETUP with an EMAIL at once, with the session MFA_SETUP came with.
      const byEmail = email && operation === 'RespondToAuthChallenge' && responses.EMAIL !== undefined;
      const s = take(id, byEmail ? 'AssociateSoftwareToken' : operation);
      const accessToken = accessTokenOf(s);
      if (operation === 'AssociateSoftwareToken') {
        const out = await upstream.must('AssociateSoftwareToken', { AccessToken: accessToken });
        close(id, s);
        return { SecretCode: out.SecretCode, Session: open('verify', s) };
      }
      if (operation === 'VerifySoftwareToken') {
        const { status, json } = await upstream.call('VerifySoftwareToken', {
          AccessToken: accessToken,
          UserCode: body.UserCode,
          ...(body.FriendlyDeviceName ? { FriendlyDeviceName: body.FriendlyDeviceName } : {}),
        });
        if (status !== 200 && json.__type === 'CodeMismatchException') {
          // The session stays open for another try, as the service does.
          throw new FrontFailure(
            'EnableSoftwareTokenMFAException',
            'Code mismatch and fail enable Software Token MFA mfa',
          );
        }
        if (status !== 200) throw new FrontFailure(String(json.__type), String(json.message));
        await upstream.must('SetUserMFAPreference', {
          AccessToken: accessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        });
        close(id, s);
        return { Status: 'SUCCESS', Session: open('respond', s) };
      }
      // As every challenge answer: the username of ChallengeParameters (not an alias), and for an app
      // client with a secret a SECRET_HASH over it.
      requireParameters(responses, ['USERNAME']);
      if (responses.USERNAME !== s.username) throw invalidSession('other');
      const clientId = String(body.ClientId);
      checkSecretHash(
        await upstream.clientSecret(s.poolId, clientId),
        clientId,
        s.username,
        responses.SECRET_HASH,
      );
      if (byEmail && !/^[^@\s]+@[^@\s]+$/.test(responses.EMAIL!))
        throw new FrontFailure('InvalidParameterException', 'EMAIL must be an e-mail address.');
      close(id, s);
      if (byEmail) {
        const setup = { poolId: s.poolId, username: s.username, clientId, tokens: s.tokens };
        return email.begin(setup, responses.EMAIL!);
      }
      return { ChallengeParameters: {}, AuthenticationResult: s.tokens.AuthenticationResult };
    },
  };
}

/** The gate for the front's options, or `undefined` when MFA setup is not required. */
export function mfaSetupGateFor(
  upstream: Upstream,
  require: unknown,
  sessionSeconds: unknown,
  email?: EmailMfaSetup,
): MfaSetupGate | undefined {
  if (require !== undefined && typeof require !== 'boolean') {
    throw new EmulatorUsageError(
      'requireMfaSetup must be a boolean.',
      'Pass requireMfaSetup: true to make users without TOTP MFA set it up during sign-in.',
    );
  }
  const seconds = sessionSeconds ?? 180;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 900) {
    throw new EmulatorUsageError(
      'mfaSetupSessionSeconds must be a number of seconds above 0 and at most 900.',
      'Leave it out for the default of 180 seconds (three minutes).',
    );
  }
  return require ? mfaSetupGate(upstream, seconds * 1000, Date.now, email) : undefined;
}
