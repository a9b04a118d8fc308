import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { TrackedDevice } from './deviceTracking.js';
import { checkSecretHash, requireParameters, secretHashOf } from './frontInput.js';
import { MFA_CHALLENGES, signInCompletion, type CompletionParts } from './signInCompletion.js';
import { srpCheckClaim, srpServerExchange, type SrpExchange, type SrpVerifierRecord } from './srpVerifier.js';
import { upstreamPasswordStep } from './passwordStep.js';
import type { PasswordSteps } from './userAuth.js';
import { FrontFailure, userOfAccessToken, type Json } from './userPoolUpstream.js';

/**
 * The sign-in side of the SRP front: USER_SRP_AUTH and CUSTOM_AUTH played by the front, the device SRP
 * steps (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER) of a known device, MFA skipped for a remembered one,
 * and the rule that challenge answers name the pool's own username (with a SECRET_HASH over it). The way
 * out (NewDeviceMetadata on tokens, MFA, the upstream's own challenges) is signInCompletion.ts.
 */

export type PasswordRecord = SrpVerifierRecord & { readonly password: string };

export interface SignInParts extends CompletionParts {
  readonly records: Map<string, PasswordRecord>;
  readonly customChallengeAnswer: string;
  /** The clock (milliseconds) for session lifetimes and proof timestamps; tests inject one. */
  readonly now?: () => number;
}

type Stage = 'verifier' | 'custom' | 'device-srp' | 'device-verifier';

interface Pending {
  readonly poolId: string;
  readonly clientId: string;
  readonly secret: string | undefined;
  readonly username: string;
  readonly stage: Stage;
  readonly then: 'tokens' | 'custom';
  readonly exchange?: SrpExchange;
  readonly secretBlock?: string;
  readonly deviceKey?: string;
  readonly device?: TrackedDevice;
  /** A password sign-in the upstream already answered, waiting for the device step. */
  readonly resume?: Json;
  readonly password?: string;
}

/** How long a challenge session of the front lasts (the service's sessions last three minutes). */
const SESSION_MS = 3 * 60_000;
const CLAIM = ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP'];
const wrongPassword = (): FrontFailure =>
  new FrontFailure('NotAuthorizedException', 'Incorrect username or password.');
const noDevice = (): FrontFailure => new FrontFailure('ResourceNotFoundException', 'Device does not exist.');

export function srpSignIn({
  upstream,
  records,
  customChallengeAnswer,
  gate,
  devices,
  emailMfa,
  now = Date.now,
}: SignInParts) {
  const pending = new Map<string, Pending>();
  const openedAt = new Map<string, number>(); // session -> when it was opened, oldest first
  const { complete, adminTokens, checkUpstreamAnswer, answeredUpstream } = signInCompletion({
    upstream,
    records,
    gate,
    devices,
    emailMfa,
  });

  const open = (p: Pending, challenge: string, parameters: Json): Json => {
    const session = randomUUID();
    const at = now();
    for (const [id, opened] of openedAt) {
      if (at - opened < SESSION_MS) break; // in opening order: the rest are younger
      pending.delete(id);
      openedAt.delete(id);
    }
    pending.set(session, p);
    openedAt.set(session, at);
    return { ChallengeName: challenge, Session: session, ChallengeParameters: parameters };
  };
  const srpChallenge = (
    p: Omit<Pending, 'exchange' | 'secretBlock'>,
    record: SrpVerifierRecord,
    A: string,
    name: string,
  ) => {
    const exchange = srpServerExchange(record, /^[0-9a-fA-F]+$/.test(A) ? BigInt(`0x${A}`) : 0n);
    if (!exchange) throw new FrontFailure('InvalidParameterException', 'SRP_A is not valid.');
    const secretBlock = randomBytes(64).toString('base64');
    return open({ ...p, exchange, secretBlock }, name, {
      SALT: record.salt.toString(16),
      SRP_B: exchange.B.toString(16),
      SECRET_BLOCK: secretBlock,
      USER_ID_FOR_SRP: p.username,
      USERNAME: p.username,
      ...(p.device ? { DEVICE_KEY: p.device.key } : {}),
    });
  };
  const customChallenge = (p: Pending): Json =>
    open({ ...p, stage: 'custom' }, 'CUSTOM_CHALLENGE', {
      USERNAME: p.username,
      USER_ID_FOR_SRP: p.username,
      question: 'six times seven?',
    });

  /** After the password (and the device, if any) is verified: the upstream's answer, MFA skipped for a remembered device. */
  const finish = async (p: Pending, device: TrackedDevice | undefined): Promise<Json> => {
    const password = p.password ?? records.get(`${p.poolId}/${p.username}`)!.password;
    const hash =
      p.secret === undefined ? {} : { SECRET_HASH: secretHashOf(p.secret, p.clientId, p.username) };
    let answer =
      p.resume ??
      (await upstream.must('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: p.clientId,
        AuthParameters: { USERNAME: p.username, PASSWORD: password, ...hash },
      }));
    if (MFA_CHALLENGES.has(String(answer.ChallengeName)) && devices?.skipsMfa(device)) {
      answer = await adminTokens(p);
    }
    return complete(p, answer, device);
  };

  /** The device step after a verified password: DEVICE_SRP_AUTH for a known device, else the tokens. */
  const deviceStep = async (p: Pending, deviceKey: string | undefined): Promise<Json> => {
    if (!devices || deviceKey === undefined) return finish(p, undefined);
    const device = devices.device(p.poolId, p.username, deviceKey);
    if (!device) throw noDevice();
    return open({ ...p, stage: 'device-srp', device }, 'DEVICE_SRP_AUTH', {
      USERNAME: p.username,
      USER_ID_FOR_SRP: p.username,
    });
  };

  const initiate = async (body: Json): Promise<Json | undefined> => {
    const flow = body.AuthFlow;
    if (flow !== 'USER_SRP_AUTH' && flow !== 'CUSTOM_AUTH') return undefined;
    const params = (body.AuthParameters ?? {}) as Record<string, string>;
    requireParameters(params, ['USERNAME']);
    const clientId = String(body.ClientId);
    const poolId = await upstream.poolIdFor(clientId);
    const secret = await upstream.clientSecret(poolId, clientId);
    checkSecretHash(secret, clientId, params.USERNAME!, params.SECRET_HASH);
    const username = await upstream.canonical(poolId, params.USERNAME!);
    const record = username === undefined ? undefined : records.get(`${poolId}/${username}`);
    if (!username || !record) throw new FrontFailure('UserNotFoundException', 'User does not exist.');
    const then = flow === 'CUSTOM_AUTH' ? 'custom' : 'tokens';
    const p = {
      poolId,
      clientId,
      secret,
      username,
      then,
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
    } as const;
    if (flow === 'CUSTOM_AUTH' && params.SRP_A === undefined)
      return customChallenge({ ...p, stage: 'custom' });
    return srpChallenge({ ...p, stage: 'verifier' }, record, params.SRP_A ?? '', 'PASSWORD_VERIFIER');
  };

  /** A password sign-in the upstream accepted, naming a known device: the device step comes first. */
  const passwordSignIn = async (body: Json, answer: Json): Promise<Json> => {
    const params = body.AuthParameters as Record<string, string>;
    const clientId = String(body.ClientId);
    const poolId = await upstream.poolIdFor(clientId);
    const secret = await upstream.clientSecret(poolId, clientId);
    const tokens = answer.AuthenticationResult as Json | undefined;
    const cp = (answer.ChallengeParameters ?? {}) as Json;
    const username = tokens
      ? userOfAccessToken(String(tokens.AccessToken)).username
      : String(cp.USER_ID_FOR_SRP ?? (await upstream.canonical(poolId, params.USERNAME!)));
    const p = { poolId, clientId, secret, username, stage: 'verifier', then: 'tokens' } as const;
    if (devices && params.DEVICE_KEY !== undefined && answer.ChallengeName !== 'NEW_PASSWORD_REQUIRED') {
      return deviceStep({ ...p, resume: answer, password: params.PASSWORD! }, params.DEVICE_KEY);
    }
    return complete(p, answer, undefined);
  };

  const respond = async (body: Json): Promise<Json | undefined> => {
    const session = String(body.Session);
    let p = pending.get(session);
    if (p && now() - openedAt.get(session)! >= SESSION_MS) p = undefined;
    if (!p) return (checkUpstreamAnswer(body), undefined); // the upstream's challenge: forward it
    const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
    requireParameters(responses, ['USERNAME']);
    if (responses.USERNAME !== p.username) throw wrongPassword();
    checkSecretHash(p.secret, p.clientId, p.username, responses.SECRET_HASH);
    const name = body.ChallengeName;
    if (p.stage === 'verifier' && name === 'PASSWORD_VERIFIER') {
      requireParameters(responses, CLAIM);
      const record = records.get(`${p.poolId}/${p.username}`)!;
      if (!srpCheckClaim(record, p.exchange!, p.secretBlock!, responses, now())) {
        pending.delete(session);
        throw wrongPassword();
      }
      if (p.then === 'custom') return (pending.delete(session), customChallenge(p));
      // An unknown device keeps the session: clients answer again without DEVICE_KEY.
      const next = await deviceStep(p, responses.DEVICE_KEY ?? p.deviceKey);
      pending.delete(session);
      return next;
    }
    if (p.stage === 'device-srp' && name === 'DEVICE_SRP_AUTH') {
      requireParameters(responses, ['DEVICE_KEY', 'SRP_A']);
      const device = devices!.device(p.poolId, p.username, responses.DEVICE_KEY);
      if (responses.DEVICE_KEY !== p.device!.key || !device) throw noDevice();
      pending.delete(session);
      return srpChallenge(
        { ...p, stage: 'device-verifier' },
        devices!.record(device),
        responses.SRP_A!,
        'DEVICE_PASSWORD_VERIFIER',
      );
    }
    if (p.stage === 'device-verifier' && name === 'DEVICE_PASSWORD_VERIFIER') {
      requireParameters(responses, CLAIM);
      pending.delete(session);
      const device = devices!.device(p.poolId, p.username, p.device!.key);
      if (!device) throw noDevice();
      if (!srpCheckClaim(devices!.record(device), p.exchange!, p.secretBlock!, responses, now())) {
        throw wrongPassword();
      }
      return finish(p, device);
    }
    if (p.stage === 'custom' && name === 'CUSTOM_CHALLENGE') {
      const given = Buffer.from(String(responses.ANSWER));
      const expected = Buffer.from(customChallengeAnswer);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new FrontFailure('NotAuthorizedException', 'Incorrect answer to the custom challenge.');
      }
      pending.delete(session);
      return finish(p, undefined);
    }
    throw new FrontFailure('InvalidParameterException', `Unexpected challenge ${String(name)}.`);
  };

  /** What choice-based sign-in (USER_AUTH) borrows: SRP, password and passwordless token steps. */
  const steps: PasswordSteps = {
    beginSrp: (p, srpA) =>
      srpChallenge(
        { ...p, stage: 'verifier', then: 'tokens' },
        records.get(`${p.poolId}/${p.username}`)!,
        srpA,
        'PASSWORD_VERIFIER',
      ),
    password: upstreamPasswordStep(upstream, passwordSignIn),
    passwordless: async (p) => complete(p, await adminTokens(p), undefined, false),
    known: (poolId, username) => records.has(`${poolId}/${username}`),
  };

  return { initiate, respond, passwordSignIn, answeredUpstream, steps };
}
