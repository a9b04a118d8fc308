import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webSrpCrypto } from '../../src/srp/srpCrypto';
import { srpVerifierRecord, srpServerChallenge, srpCheckClaim, type SrpVerifierRecord } from './srpServer';

/**
 * A test-only front for cognito-local, which has no SRP: it plays the server side of Cognito's
 * USER_SRP_AUTH (and CUSTOM_AUTH with or without SRP, with one fixed custom challenge), forwards every
 * other call unchanged, and can answer GetTokensFromRefreshToken with rotated refresh tokens.
 *
 * It learns each user's password when a request sets it (SignUp, AdminCreateUser, AdminSetUserPassword,
 * ConfirmForgotPassword, ChangePassword, NEW_PASSWORD_REQUIRED), stores a salt and verifier for the SRP
 * check, and keeps the password only to obtain the tokens from cognito-local (USER_PASSWORD_AUTH)
 * once a client's proof is valid.
 */
export interface SrpProxy {
  readonly endpoint: string;
  /** The operations received (`Target` names), with the AuthFlow / ChallengeName for auth calls. */
  readonly received: string[];
  /** Makes the next call of `operation` fail with the given error (once). */
  failNext(operation: string, type: string, message: string): void;
  /** Answers GetTokensFromRefreshToken itself (rotation: a new refresh token each time). Default: unknown operation. */
  enableRotation(on: boolean): void;
  stop(): Promise<void>;
}

export const CUSTOM_CHALLENGE_ANSWER = '42';

interface Pending {
  readonly poolId: string;
  readonly clientId: string;
  readonly username: string;
  readonly stage: 'verifier' | 'custom';
  readonly then: 'tokens' | 'custom';
  readonly A?: bigint;
  readonly b?: bigint;
  readonly B?: bigint;
  readonly secretBlock?: string;
}

type Json = Record<string, unknown>;
class Fail extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startSrpProxy(target: string): Promise<SrpProxy> {
  const records = new Map<string, SrpVerifierRecord & { password: string }>();
  const pending = new Map<string, Pending>();
  const poolOfClient = new Map<string, string>();
  const rotated = new Map<string, string>(); // proxy refresh token -> cognito-local refresh token
  const faults = new Map<string, { type: string; message: string }>();
  const received: string[] = [];
  let rotation = false;

  const call = async (operation: string, body: Json): Promise<{ status: number; json: Json }> => {
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Json };
  };
  const must = async (operation: string, body: Json): Promise<Json> => {
    const { status, json } = await call(operation, body);
    if (status !== 200) throw new Fail(String(json.__type), String(json.message));
    return json;
  };
  const poolIdFor = async (clientId: string): Promise<string> => {
    const known = poolOfClient.get(clientId);
    if (known) return known;
    const pools = (await must('ListUserPools', { MaxResults: 60 })).UserPools as { Id: string }[];
    for (const { Id } of pools) {
      const clients = (await must('ListUserPoolClients', { UserPoolId: Id, MaxResults: 60 }))
        .UserPoolClients as { ClientId: string }[];
      for (const c of clients) poolOfClient.set(c.ClientId, Id);
    }
    const found = poolOfClient.get(clientId);
    if (!found) throw new Fail('ResourceNotFoundException', 'User pool client does not exist.');
    return found;
  };
  const canonical = async (poolId: string, username: string): Promise<string | undefined> => {
    const { status, json } = await call('AdminGetUser', { UserPoolId: poolId, Username: username });
    return status === 200 ? String(json.Username) : undefined;
  };
  const learn = async (poolId: string, username: string, password: string): Promise<void> => {
    const name = (await canonical(poolId, username)) ?? username;
    const record = await srpVerifierRecord(webSrpCrypto, poolId, name, password);
    records.set(`${poolId}/${name}`, { ...record, password });
  };
  const usernameOfAccessToken = (token: string): { poolId: string; username: string } => {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Json;
    return { poolId: String(claims.iss).split('/').pop()!, username: String(claims.username) };
  };
  const wrongPassword = (): Fail => new Fail('NotAuthorizedException', 'Incorrect username or password.');

  const tokensFor = async (p: Pending, responses: Json): Promise<Json> => {
    const record = records.get(`${p.poolId}/${p.username}`)!;
    const answer = await must('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: p.clientId,
      AuthParameters: { USERNAME: p.username, PASSWORD: record.password, SECRET_HASH: responses.SECRET_HASH },
    });
    return answer;
  };
  const customChallenge = (p: Pending): Json => {
    const session = randomUUID();
    pending.set(session, { ...p, stage: 'custom' });
    return {
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: session,
      ChallengeParameters: {
        USERNAME: p.username,
        USER_ID_FOR_SRP: p.username,
        question: 'six times seven?',
      },
    };
  };

  const initiate = async (body: Json): Promise<Json | undefined> => {
    const flow = body.AuthFlow;
    const params = (body.AuthParameters ?? {}) as Record<string, string>;
    const withSrp = flow === 'USER_SRP_AUTH' || (flow === 'CUSTOM_AUTH' && params.SRP_A !== undefined);
    if (flow !== 'USER_SRP_AUTH' && flow !== 'CUSTOM_AUTH') return undefined;
    const clientId = String(body.ClientId);
    const poolId = await poolIdFor(clientId);
    const username = await canonical(poolId, String(params.USERNAME));
    const record = username === undefined ? undefined : records.get(`${poolId}/${username}`);
    if (!username || !record) throw new Fail('UserNotFoundException', 'User does not exist.');
    const then = flow === 'CUSTOM_AUTH' ? 'custom' : 'tokens';
    if (!withSrp) return customChallenge({ poolId, clientId, username, stage: 'custom', then });
    const A = BigInt(`0x${params.SRP_A}`);
    const server = srpServerChallenge(record, A);
    const secretBlock = randomBytes(64).toString('base64');
    const session = randomUUID();
    pending.set(session, {
      poolId,
      clientId,
      username,
      stage: 'verifier',
      then,
      A,
      b: server.b,
      B: server.B,
      secretBlock,
    });
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: session,
      ChallengeParameters: {
        SALT: record.salt.toString(16),
        SRP_B: server.B.toString(16),
        SECRET_BLOCK: secretBlock,
        USER_ID_FOR_SRP: username,
        USERNAME: username,
      },
    };
  };

  const respond = async (body: Json): Promise<Json | undefined> => {
    const p = pending.get(String(body.Session));
    if (!p) return undefined; // a challenge cognito-local issued (MFA, new password): forward it
    const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
    if (responses.USERNAME !== p.username) throw wrongPassword();
    if (p.stage === 'verifier' && body.ChallengeName === 'PASSWORD_VERIFIER') {
      pending.delete(String(body.Session));
      const record = records.get(`${p.poolId}/${p.username}`)!;
      const ok = await srpCheckClaim(
        webSrpCrypto,
        record,
        { A: p.A!, b: p.b!, B: p.B! },
        p.secretBlock!,
        responses,
      );
      if (!ok) throw wrongPassword();
      return p.then === 'custom' ? customChallenge(p) : tokensFor(p, responses);
    }
    if (p.stage === 'custom' && body.ChallengeName === 'CUSTOM_CHALLENGE') {
      const answer = Buffer.from(String(responses.ANSWER));
      const expected = Buffer.from(CUSTOM_CHALLENGE_ANSWER);
      if (answer.length !== expected.length || !timingSafeEqual(answer, expected)) {
        throw new Fail('NotAuthorizedException', 'Incorrect answer to the custom challenge.');
      }
      pending.delete(String(body.Session));
      return tokensFor(p, responses);
    }
    throw new Fail('InvalidParameterException', `Unexpected challenge ${String(body.ChallengeName)}.`);
  };

  const refreshRotating = async (body: Json): Promise<Json> => {
    const token = String(body.RefreshToken);
    const inner = rotated.get(token) ?? token;
    const out = await must('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: body.ClientId,
      AuthParameters: { REFRESH_TOKEN: inner },
    });
    rotated.delete(token);
    const next = `rotated-${randomBytes(24).toString('hex')}`;
    rotated.set(next, inner);
    const result = out.AuthenticationResult as Json;
    return { AuthenticationResult: { ...result, RefreshToken: next } };
  };

  /** Learns passwords from the calls that set them, after cognito-local accepted them. */
  const afterForward = async (operation: string, body: Json): Promise<void> => {
    const str = (key: string): string => String(body[key]);
    if (operation === 'AdminCreateUser' && body.TemporaryPassword)
      await learn(str('UserPoolId'), str('Username'), str('TemporaryPassword'));
    if (operation === 'AdminSetUserPassword')
      await learn(str('UserPoolId'), str('Username'), str('Password'));
    if (operation === 'SignUp' || operation === 'ConfirmForgotPassword')
      await learn(await poolIdFor(str('ClientId')), str('Username'), str('Password'));
    if (operation === 'ChangePassword') {
      const { poolId, username } = usernameOfAccessToken(str('AccessToken'));
      await learn(poolId, username, str('ProposedPassword'));
    }
    const responses = body.ChallengeResponses as Record<string, string> | undefined;
    if (operation === 'RespondToAuthChallenge' && body.ChallengeName === 'NEW_PASSWORD_REQUIRED' && responses)
      await learn(
        await poolIdFor(str('ClientId')),
        String(responses.USERNAME),
        String(responses.NEW_PASSWORD),
      );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const body = (raw ? JSON.parse(raw) : {}) as Json;
    received.push([operation, body.AuthFlow ?? body.ChallengeName].filter(Boolean).join(':'));
    const send = (status: number, json: Json): void => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(status === 200 ? {} : { 'x-amzn-errortype': String(json.__type) }),
      });
      res.end(JSON.stringify(json));
    };
    try {
      const fault = faults.get(operation);
      if (fault) {
        faults.delete(operation);
        throw new Fail(fault.type, fault.message);
      }
      let own: Json | undefined;
      if (operation === 'InitiateAuth') own = await initiate(body);
      else if (operation === 'RespondToAuthChallenge') own = await respond(body);
      else if (operation === 'GetTokensFromRefreshToken') {
        if (!rotation) throw new Fail('UnknownOperationException', 'Unknown operation');
        own = await refreshRotating(body);
      }
      if (own) return send(200, own);
      if (operation === 'InitiateAuth' && body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
        const params = body.AuthParameters as Record<string, string>;
        const inner = rotated.get(params.REFRESH_TOKEN ?? '');
        if (inner) body.AuthParameters = { ...params, REFRESH_TOKEN: inner };
      }
      const forwarded = await call(operation, body);
      if (forwarded.status === 200) await afterForward(operation, body);
      send(forwarded.status, forwarded.json);
    } catch (error) {
      if (error instanceof Fail) send(400, { __type: error.type, message: error.message });
      else send(500, { __type: 'InternalErrorException', message: String(error) });
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    failNext: (operation, type, message) => void faults.set(operation, { type, message }),
    enableRotation: (on) => void (rotation = on),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
