import type { DeviceTracker, TrackedDevice } from './deviceTracking.js';
import type { EmailMfa } from './emailMfa.js';
import { checkSecretHash, requireParameters } from './frontInput.js';
import type { MfaSetupGate } from './mfaSetup.js';
import type { MfaTokens, Signer } from './userAuth.js';
import { FrontFailure, userOfAccessToken, type Json, type Upstream } from './userPoolUpstream.js';

/**
 * The way out of a sign-in of the SRP front: tokens get NewDeviceMetadata and a tracked session, MFA is
 * asked (e-mail MFA, MFA setup) unless a remembered device skips it, and the upstream's own challenges
 * passed on to the client are remembered so that their answers must name the pool's username (with a
 * SECRET_HASH over it) before they are forwarded.
 */

export interface CompletionParts {
  readonly upstream: Upstream;
  /** The passwords the front knows, by `poolId/username`. */
  readonly records: ReadonlyMap<string, { readonly password: string }>;
  readonly gate?: MfaSetupGate;
  readonly devices?: DeviceTracker;
  /** E-mail MFA: the users' preferences, and the step that asks for the code (choice-based sign-in's). */
  readonly emailMfa?: {
    readonly prefs: EmailMfa;
    gate(p: Signer, answer: Json, held: MfaTokens, preferEmail: boolean): Promise<Json>;
  };
}

/** Who is signing in: the pool, the app client (and its secret), the pool's own username. */
export type SignInUser = Pick<Signer, 'poolId' | 'clientId' | 'secret' | 'username'>;

/** The challenges that ask for a second factor (skipped for a remembered device). */
export const MFA_CHALLENGES = new Set(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'EMAIL_OTP']);

export function signInCompletion({ upstream, records, gate, devices, emailMfa }: CompletionParts) {
  /** Upstream challenge sessions the front passed on -> whose username the answers must name. */
  const upstreamSessions = new Map<
    string,
    { username: string; clientId: string; secret: string | undefined }
  >();

  /** Tokens (or the upstream's next challenge) on their way out: device metadata, tracked sessions, MFA setup. */
  const complete = async (
    p: SignInUser,
    answer: Json,
    device: TrackedDevice | undefined,
    setupGate = true,
  ): Promise<Json> => {
    const result = answer.AuthenticationResult as Json | undefined;
    let out = answer;
    if (result && !answer.ChallengeName && devices) {
      out = { ...answer, AuthenticationResult: devices.signedIn(p.poolId, p.username, result, device) };
    }
    if (answer.ChallengeName && typeof answer.Session === 'string') {
      const params = (answer.ChallengeParameters ?? {}) as Json;
      const username = String(params.USER_ID_FOR_SRP ?? params.USERNAME ?? p.username);
      upstreamSessions.set(answer.Session, { username, clientId: p.clientId, secret: p.secret });
      if (upstreamSessions.size > 1000) upstreamSessions.delete(upstreamSessions.keys().next().value!);
    }
    const pref = setupGate && !devices?.skipsMfa(device) && emailMfa?.prefs.preference(p.poolId, p.username);
    const asks = out.ChallengeName ? MFA_CHALLENGES.has(String(out.ChallengeName)) : !!result;
    if (pref && asks) {
      // The tokens come when the code is answered, bound to the device that answer names (like the
      // upstream's MFA answers, `answeredUpstream`); without DEVICE_KEY a new device is issued.
      const held: MfaTokens = async (deviceKey) =>
        complete(p, await adminTokens(p), devices?.device(p.poolId, p.username, deviceKey), false);
      out = await emailMfa!.gate(p, out, held, pref.preferred);
    }
    return gate && setupGate && !out.ChallengeName ? gate.gate(out) : out;
  };

  /** Tokens from the upstream without its MFA (the password is known to the front). */
  const adminTokens = async (p: Pick<SignInUser, 'poolId' | 'clientId' | 'username'>): Promise<Json> => {
    const out = await upstream.must('AdminInitiateAuth', {
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      UserPoolId: p.poolId,
      ClientId: p.clientId,
      AuthParameters: { USERNAME: p.username, PASSWORD: records.get(`${p.poolId}/${p.username}`)!.password },
    });
    return { ChallengeParameters: {}, AuthenticationResult: out.AuthenticationResult };
  };

  /** A challenge answer for one of the upstream's sessions: checked, then forwarded; its tokens completed. */
  const checkUpstreamAnswer = (body: Json): void => {
    const known = upstreamSessions.get(String(body.Session));
    if (!known) throw new FrontFailure('NotAuthorizedException', 'Invalid session for the user.');
    const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
    requireParameters(responses, ['USERNAME']);
    if (responses.USERNAME !== known.username) {
      throw new FrontFailure('NotAuthorizedException', 'Invalid session for the user.');
    }
    checkSecretHash(known.secret, known.clientId, known.username, responses.SECRET_HASH);
  };
  const answeredUpstream = async (body: Json, answer: Json): Promise<Json> => {
    const result = answer.AuthenticationResult as Json | undefined;
    const known = upstreamSessions.get(String(body.Session))!;
    upstreamSessions.delete(String(body.Session));
    if (!result) return complete({ poolId: '', ...known }, answer, undefined, false); // a next challenge
    const { poolId, username } = userOfAccessToken(String(result.AccessToken));
    const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
    const device = devices?.device(poolId, username, responses.DEVICE_KEY);
    const p = { poolId, clientId: known.clientId, secret: known.secret, username };
    return complete(p, answer, device, body.ChallengeName === 'NEW_PASSWORD_REQUIRED');
  };

  return { complete, adminTokens, checkUpstreamAnswer, answeredUpstream };
}
