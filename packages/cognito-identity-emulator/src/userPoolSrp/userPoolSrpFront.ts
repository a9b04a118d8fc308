import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../loopback.js';
import { EmulatorUsageError, requireOptionsObject } from '../usageError.js';
import { deviceTrackerFor, type DeviceTrackingOptions } from './deviceTracking.js';
import { EmailMfa } from './emailMfa.js';
import { checkShape, readBody } from './frontInput.js';
import { mfaSetupGateFor } from './mfaSetup.js';
import { passwordlessSettings, type PasswordlessOptions } from './passwordless.js';
import { srpSignIn, type PasswordRecord } from './srpSignIn.js';
import { srpVerifierRecord } from './srpVerifier.js';
import { userAuth, type UserAuth } from './userAuth.js';
import { WebAuthnStore } from './webAuthn.js';
import { FrontFailure, upstreamAt, userOfAccessToken, type Json } from './userPoolUpstream.js';

/** Options of `startUserPoolSrpFront`. */
export interface StartUserPoolSrpFrontOptions {
  /** The user-pool endpoint to front, on a loopback host (for example cognito-local's `http://127.0.0.1:9229`). */
  readonly upstream: string;
  /** The one answer the front's custom challenge accepts (CUSTOM_AUTH). Default `'42'`. */
  readonly customChallengeAnswer?: string;
  /**
   * Plays a pool that requires MFA: a user without TOTP MFA upstream gets the MFA_SETUP challenge after
   * the password step, and sets TOTP up with session-based AssociateSoftwareToken / VerifySoftwareToken
   * before the tokens come. Default `false`.
   */
  readonly requireMfaSetup?: boolean;
  /** How long each MFA_SETUP session lasts, in seconds (at most 900). Default 180. */
  readonly mfaSetupSessionSeconds?: number;
  /**
   * Turns device tracking on, as a pool's DeviceConfiguration does: sign-ins get NewDeviceMetadata, and
   * ConfirmDevice, GetDevice, ListDevices, UpdateDeviceStatus, ForgetDevice and the device SRP challenges
   * work. `{}` is "always remember, MFA still asked"; see the README. Default: off.
   */
  readonly deviceTracking?: DeviceTrackingOptions;
  /**
   * Turns choice-based sign-in on (AuthFlow USER_AUTH for app clients with ALLOW_USER_AUTH): e-mail and
   * SMS one-time codes, passkeys (WebAuthn registration, sign-in, list, delete) and e-mail MFA. `{}` is
   * every first factor, relying party `localhost`; see the README. Default: off.
   */
  readonly passwordless?: PasswordlessOptions;
}

/**
 * A loopback front for a user-pool emulator without SRP. It plays the server side of USER_SRP_AUTH (and
 * CUSTOM_AUTH with or without SRP, with one fixed custom challenge) and forwards every other call.
 */
export interface UserPoolSrpFront {
  /** Where clients send their user-pool calls instead of `upstream`. */
  readonly endpoint: string;
  /** The answer its custom challenge accepts. */
  readonly customChallengeAnswer: string;
  /** The operations received (`Target` names), with the AuthFlow / ChallengeName of auth calls. */
  readonly received: string[];
  /** Makes the next call of `operation` fail with the given error (once). */
  failNext(operation: string, type: string, message: string): void;
  /** Answers GetTokensFromRefreshToken itself, with a new refresh token each time. Default: unknown operation. */
  enableRotation(on: boolean): void;
  /** The devices the front keeps for a user (keys, names, remembered status; never the verifiers). */
  devices(poolId: string, username: string): { key: string; name?: string; remembered: boolean }[];
  /** The last one-time code the front sent the user (sign-in or e-mail MFA), for tests. */
  lastCode(poolId: string, username: string): string | undefined;
  /** The user's passkeys (credential ids and names; never the keys), for tests. */
  passkeys(poolId: string, username: string): { id: string; name: string }[];
  /** Closes the front (open connections too); the upstream keeps running. */
  stop(): Promise<void>;
}

/**
 * Starts the front on a free 127.0.0.1 port. It learns each password from the call that sets it (SignUp,
 * AdminCreateUser, AdminSetUserPassword, ConfirmForgotPassword, ChangePassword, NEW_PASSWORD_REQUIRED),
 * keeps a salt and verifier for the SRP check, and keeps the password in memory only to obtain the tokens
 * from the upstream (USER_PASSWORD_AUTH) once a client's proof is valid. A test and demo aid: never put
 * it in front of a real user pool.
 */
export async function startUserPoolSrpFront(
  options: StartUserPoolSrpFrontOptions,
): Promise<UserPoolSrpFront> {
  requireOptionsObject(options, 'startUserPoolSrpFront');
  const url =
    typeof options.upstream === 'string' && URL.canParse(options.upstream)
      ? new URL(options.upstream)
      : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || !isLoopbackHost(url.hostname)) {
    throw new EmulatorUsageError(
      'startUserPoolSrpFront needs an upstream http(s) URL on a loopback host.',
      'Pass the endpoint of a local user-pool emulator, such as http://127.0.0.1:9229.',
    );
  }
  const answer = options.customChallengeAnswer ?? '42';
  const upstream = upstreamAt(url.toString());
  const devices = deviceTrackerFor(options.deviceTracking, upstream);
  const records = new Map<string, PasswordRecord>();
  const settings = passwordlessSettings(options.passwordless);
  const passkeys = settings && new WebAuthnStore(settings, upstream);
  const prefs = settings?.emailMfa ? new EmailMfa(upstream) : undefined;
  const late: { auth?: UserAuth } = {}; // choice-based sign-in asks the code of e-mail MFA
  const emailSetup = prefs && {
    enabled: (poolId: string, username: string) => prefs.preference(poolId, username) !== undefined,
    begin: (setup: Parameters<UserAuth['emailSetup']>[0], address: string) =>
      late.auth!.emailSetup(setup, address, () => prefs.enable(setup.poolId, setup.username, address)),
  };
  const gate = mfaSetupGateFor(upstream, options.requireMfaSetup, options.mfaSetupSessionSeconds, emailSetup);
  const emailMfa = prefs && { prefs, gate: (...a: Parameters<UserAuth['mfa']>) => late.auth!.mfa(...a) };
  const signIn = srpSignIn({ upstream, records, customChallengeAnswer: answer, gate, devices, emailMfa });
  const auth = settings && passkeys && userAuth(settings, upstream, passkeys, signIn.steps);
  late.auth = auth;
  const rotated = new Map<string, string>(); // the front's refresh token -> the upstream's
  const faults = new Map<string, { type: string; message: string }>();
  const received: string[] = [];
  let rotation = false;

  const learn = async (poolId: string, username: string, password: string): Promise<void> => {
    const name = (await upstream.canonical(poolId, username)) ?? username;
    records.set(`${poolId}/${name}`, { ...srpVerifierRecord(poolId, name, password), password });
  };

  const refreshRotating = async (body: Json): Promise<Json> => {
    const token = String(body.RefreshToken);
    devices?.checkRefresh(await upstream.poolIdFor(String(body.ClientId)), token, body.DeviceKey);
    const inner = rotated.get(token) ?? token;
    const out = await upstream.must('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: body.ClientId,
      AuthParameters: { REFRESH_TOKEN: inner },
    });
    rotated.delete(token);
    const next = `rotated-${randomBytes(24).toString('hex')}`;
    rotated.set(next, inner);
    devices?.rotated(token, next);
    return { AuthenticationResult: { ...(out.AuthenticationResult as Json), RefreshToken: next } };
  };

  /** Learns passwords from the calls that set them, once the upstream accepted them. */
  const afterForward = async (operation: string, body: Json): Promise<void> => {
    const str = (key: string): string => String(body[key]);
    if (operation === 'AdminCreateUser' && body.TemporaryPassword)
      await learn(str('UserPoolId'), str('Username'), str('TemporaryPassword'));
    if (operation === 'AdminSetUserPassword')
      await learn(str('UserPoolId'), str('Username'), str('Password'));
    if (operation === 'SignUp' || operation === 'ConfirmForgotPassword')
      await learn(await upstream.poolIdFor(str('ClientId')), str('Username'), str('Password'));
    if (operation === 'ChangePassword') {
      const { poolId, username } = userOfAccessToken(str('AccessToken'));
      await learn(poolId, username, str('ProposedPassword'));
    }
    const responses = body.ChallengeResponses as Record<string, string> | undefined;
    if (operation === 'RespondToAuthChallenge' && body.ChallengeName === 'NEW_PASSWORD_REQUIRED' && responses)
      await learn(
        await upstream.poolIdFor(str('ClientId')),
        String(responses.USERNAME),
        String(responses.NEW_PASSWORD),
      );
  };

  const answerOwn = async (operation: string, body: Json): Promise<Json | undefined> => {
    const setup = gate && (await gate.answer(operation, body));
    if (setup) return setup;
    if (operation === 'InitiateAuth' && body.AuthFlow === 'USER_AUTH') {
      if (!auth)
        throw new FrontFailure('InvalidParameterException', 'USER_AUTH flow not enabled for this client');
      return auth.initiate(body);
    }
    if (operation === 'InitiateAuth') return signIn.initiate(body);
    if (operation === 'RespondToAuthChallenge') return (await auth?.respond(body)) ?? signIn.respond(body);
    const passkey = await passkeys?.answer(operation, body);
    if (passkey) return passkey;
    if (/WebAuthn(Registration|Credentials?)$/.test(operation)) {
      throw new FrontFailure('WebAuthnNotEnabledException', 'Passkeys are not turned on for this user pool.');
    }
    const mfa = await prefs?.answer(operation, body);
    if (mfa) return mfa;
    const device = await devices?.answer(operation, body);
    if (device) return device;
    if (/^(ConfirmDevice|GetDevice|ListDevices|UpdateDeviceStatus|ForgetDevice)$/.test(operation)) {
      throw new FrontFailure(
        'InvalidParameterException',
        'Device tracking is not turned on for this user pool.',
      );
    }
    if (operation === 'GetTokensFromRefreshToken') {
      if (!rotation) throw new FrontFailure('UnknownOperationException', 'Unknown operation');
      return refreshRotating(body);
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (status: number, json: Json): void => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(status === 200 ? {} : { 'x-amzn-errortype': String(json.__type) }),
      });
      res.end(JSON.stringify(json));
    };
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString();
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const body = readBody(raw);
      received.push([operation, body.AuthFlow ?? body.ChallengeName].filter(Boolean).join(':'));
      const fault = faults.get(operation);
      if (fault) {
        faults.delete(operation);
        throw new FrontFailure(fault.type, fault.message);
      }
      checkShape(operation, body);
      const own = await answerOwn(operation, body);
      if (own) return send(200, own);
      const params = body.AuthParameters as Record<string, string> | undefined;
      if (body.AuthFlow === 'REFRESH_TOKEN_AUTH' && params?.REFRESH_TOKEN !== undefined) {
        const poolId = await upstream.poolIdFor(String(body.ClientId));
        devices?.checkRefresh(poolId, params.REFRESH_TOKEN, params.DEVICE_KEY);
      }
      const inner = params && rotated.get(params.REFRESH_TOKEN ?? '');
      if (operation === 'InitiateAuth' && inner) body.AuthParameters = { ...params, REFRESH_TOKEN: inner };
      const forwarded = await upstream.call(operation, body);
      if (forwarded.status !== 200) return send(forwarded.status, forwarded.json);
      await afterForward(operation, body);
      // Password sign-ins and challenge answers earn tokens too: device metadata, MFA setup where required.
      if (body.AuthFlow === 'USER_PASSWORD_AUTH')
        return send(200, await signIn.passwordSignIn(body, forwarded.json));
      if (operation === 'RespondToAuthChallenge')
        return send(200, await signIn.answeredUpstream(body, forwarded.json));
      send(200, forwarded.json);
    } catch (error) {
      if (error instanceof FrontFailure) send(400, { __type: error.type, message: error.message });
      else send(500, { __type: 'InternalErrorException', message: 'The SRP front failed.' });
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    customChallengeAnswer: answer,
    received,
    failNext: (operation, type, message) => void faults.set(operation, { type, message }),
    enableRotation: (on) => void (rotation = on),
    devices: (poolId, username) => devices?.list(poolId, username) ?? [],
    lastCode: (poolId, username) => settings?.lastCode(poolId, username),
    passkeys: (poolId, username) => passkeys?.list(poolId, username) ?? [],
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
