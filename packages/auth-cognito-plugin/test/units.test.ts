// Unit tests of the pure modules: buildSession, SessionStore.parse, mapServiceError, jwt, redact,
// the freshness policy and the operation queue.
import { inspect } from 'node:util';
import {
  InvalidParameterException,
  InvalidStateException,
  NetworkException,
  NotAuthorizedException,
  ServiceException,
  SessionExpiredException,
  SignedOutException,
  TooManyRequestsException,
  UnknownException,
} from '@plugboard/core';
import { mapServiceError } from '../src/clients/mapServiceError';
import { buildSession } from '../src/session/buildSession';
import { makeCredentials } from '../src/model/credentials';
import { freshness, level } from '../src/session/freshness';
import { decodeJwtClaims, earliestExpiry } from '../src/model/jwt';
import { redacted, REDACTED } from '../src/model/redact';
import { parse } from '../src/session/SessionStore';
import type { AuthState } from '../src/session/AuthState';
import { SerialQueue } from '../src/session/SerialQueue';

const NOW = 1_800_000_000_000;
const IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';
const creds = (expiresInMs: number) =>
  makeCredentials({
    accessKeyId: 'ASIAUNIT',
    secretAccessKey: 'unit-secret-key-'.padEnd(40, 'k'),
    sessionToken: 'unit-session-token-'.padEnd(40, 't'),
    expiration: NOW + expiresInMs,
  });
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
  '.sig';
const federated = (credentials = creds(3600_000), tokenRejected = false): AuthState => ({
  kind: 'federated',
  session: {
    providerName: 'accounts.google.com',
    providerToken: 'tok',
    identityId: IDENTITY,
    credentials,
    tokenRejected,
  },
});

describe('buildSession', () => {
  it('answers a federated state: identity and credentials, no user-pool data', () => {
    const session = buildSession(federated(), NOW, true);
    expect(session.isSignedIn).toBe(true);
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: IDENTITY });
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    expect((session.userSubResult as { error: unknown }).error).toBeInstanceOf(InvalidStateException);
    expect(Object.isFrozen(session)).toBe(true);
  });

  it('keeps valid credentials when a plain refresh failed, and reports the failure when it was forced', () => {
    const failed = new NetworkException('Unreachable.', 'Retry.');
    expect(buildSession(federated(), NOW, true, { credentials: failed }).awsCredentialsResult.type).toBe(
      'SUCCESS',
    );
    expect(buildSession(federated(), NOW, true, { credentials: failed }, true).awsCredentialsResult).toEqual({
      type: 'FAILURE',
      error: failed,
    });
  });

  it('reports expired credentials with the refresh failure, or SessionExpired when the token was rejected', () => {
    const failed = new TooManyRequestsException('Slow down.', 'Wait.');
    expect(
      buildSession(federated(creds(-1)), NOW, true, { credentials: failed }).awsCredentialsResult,
    ).toEqual({
      type: 'FAILURE',
      error: failed,
    });
    const rejected = buildSession(federated(creds(3600_000), true), NOW, true).awsCredentialsResult;
    expect((rejected as { error: unknown }).error).toBeInstanceOf(SessionExpiredException);
  });

  it('answers a signed-out state with SignedOut user data, and says when no identity pool is configured', () => {
    const state: AuthState = { kind: 'signedOut', guest: { identityId: undefined, credentials: undefined } };
    const withPool = buildSession(state, NOW, true);
    expect(withPool.isSignedIn).toBe(false);
    expect((withPool.userSubResult as { error: unknown }).error).toBeInstanceOf(SignedOutException);
    expect((withPool.awsCredentialsResult as { error: unknown }).error).toBeInstanceOf(
      SessionExpiredException,
    );
    const noPool = buildSession(state, NOW, false);
    expect((noPool.awsCredentialsResult as { error: Error }).error.message).toMatch(/No identity pool/);
  });

  it('gives a failure whose error is made once, when first read, as a field of a frozen result', () => {
    const result = buildSession(federated(), NOW, true).userSubResult as { type: string; error: Error };
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.keys(result)).toEqual(['type', 'error']);
    const first = result.error;
    expect(first).toBeInstanceOf(InvalidStateException);
    expect(result.error).toBe(first);
    expect({ ...result }).toEqual({ type: 'FAILURE', error: first });
    // Another session's failure has its own error.
    expect((buildSession(federated(), NOW, true).userSubResult as { error: Error }).error).not.toBe(first);
  });
});

describe('SessionStore.parse', () => {
  const text = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      v: 1,
      kind: 'federated',
      providerName: 'p',
      providerToken: 't',
      identityId: IDENTITY,
      credentials: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: NOW },
      ...overrides,
    });

  it('reads back a federated entry', () => {
    const parsed = parse(text());
    expect(parsed).toMatchObject({
      kind: 'federated',
      session: { identityId: IDENTITY, tokenRejected: false },
    });
  });

  it.each([
    ['not JSON', '{'],
    ['another format version', text({ v: 2 })],
    ['an unknown kind', text({ kind: 'admin' })],
    ['a non-string identity id', text({ identityId: 42 })],
    ['a path as identity id', text({ identityId: '../../etc' })],
    [
      'credentials without expiry',
      text({ credentials: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T' } }),
    ],
    ['a federation without token', text({ providerToken: '' })],
    ['JSON null', 'null'],
  ])('refuses %s', (_what, value) => {
    expect(parse(value)).toBeNull();
  });

  it("refuses an identity id of another region than the pool's", () => {
    expect(parse(text(), 'eu-west-1')).toBeNull();
    expect(parse(text(), 'us-east-1')).not.toBeNull();
  });

  it("trusts the tokens' own expiry over the stored number", () => {
    const accessToken = jwt({ exp: NOW / 1000 + 60 });
    const idToken = jwt({ exp: NOW / 1000 + 30 });
    const parsed = parse(
      JSON.stringify({
        v: 1,
        kind: 'signedIn',
        username: 'u',
        userId: 'id',
        tokens: { accessToken, idToken, refreshToken: 'r', expiresAt: NOW + 3600_000 },
      }),
    );
    expect(parsed).toMatchObject({ kind: 'signedIn', session: { tokens: { expiresAt: NOW + 30_000 } } });
  });
});

describe('mapServiceError', () => {
  const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), {
      name,
      ...(status === undefined ? {} : { $metadata: { httpStatusCode: status, requestId: 'req-1' } }),
      ...extra,
    });

  it.each([
    ['NotAuthorizedException', 400, NotAuthorizedException],
    ['TooManyRequestsException', 400, TooManyRequestsException],
    ['ThrottlingException', 400, TooManyRequestsException],
    ['InvalidParameterException', 400, InvalidParameterException],
    ['InternalErrorException', 500, ServiceException],
    ['ResourceNotFoundException', 404, ServiceException],
    ['TimeoutError', undefined, NetworkException],
  ])('maps %s (HTTP %p) to its exception, keeping name, status and cause', (name, status, Expected) => {
    const cause = sdkError(name, status);
    const mapped = mapServiceError(cause, 'Doing it');
    expect(mapped).toBeInstanceOf(Expected);
    expect(mapped.cause).toBe(cause);
    expect(mapped.metadata?.serviceErrorName).toBe(name);
    if (status !== undefined)
      expect(mapped.metadata).toMatchObject({ httpStatusCode: status, requestId: 'req-1' });
    expect(mapped.message).toMatch(/^Doing it failed/);
  });

  it('recognises socket errors by code, and by the code in a re-wrapped message', () => {
    expect(mapServiceError(sdkError('Error', undefined, { code: 'ECONNREFUSED' }), 'x')).toBeInstanceOf(
      NetworkException,
    );
    expect(mapServiceError(new Error('connect ECONNRESET 127.0.0.1'), 'x')).toBeInstanceOf(NetworkException);
  });

  it('passes an AuthException through and wraps anything else as UnknownException', () => {
    const own = new NotAuthorizedException('No.', 'Sign in.');
    expect(mapServiceError(own, 'x')).toBe(own);
    expect(mapServiceError('a string', 'x')).toBeInstanceOf(UnknownException);
  });
});

describe('jwt', () => {
  it('decodes the claims of a well-formed token, without verifying it', () => {
    expect(decodeJwtClaims(jwt({ sub: 'abc', exp: 5 }))).toEqual({ sub: 'abc', exp: 5 });
  });

  it.each([
    '',
    'a.b',
    'a.b.c.d',
    'x.!!!.y',
    `${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.s`,
  ])('answers undefined for %p', (token) => {
    expect(decodeJwtClaims(token)).toBeUndefined();
  });

  it('gives the earliest expiry in ms, and 0 when any token has none', () => {
    expect(earliestExpiry(jwt({ exp: 20 }), jwt({ exp: 10 }))).toBe(10_000);
    expect(earliestExpiry(jwt({ exp: 20 }), jwt({ sub: 'x' }))).toBe(0);
  });
});

describe('redact', () => {
  it('masks the secret fields when printed or serialized, keeps them readable and read-only', () => {
    const value = redacted({ id: 'visible', secret: 'hidden-value' }, ['secret'], 'Thing');
    expect(value.secret).toBe('hidden-value');
    for (const printed of [inspect(value), JSON.stringify(value), String(value)]) {
      expect(printed).toContain('visible');
      expect(printed).toContain(REDACTED);
      expect(printed).not.toContain('hidden-value');
    }
    expect(() => {
      (value as { secret: string }).secret = 'changed';
    }).toThrow(TypeError);
    expect(Object.isExtensible(value)).toBe(true);
  });
});

describe('freshness', () => {
  const margin = { ms: 120_000, hasIdentityPool: true };

  it('grades an expiry as fresh, stale (inside the margin) or expired', () => {
    expect(level(NOW + 200_000, NOW, 120_000)).toBe('fresh');
    expect(level(NOW + 60_000, NOW, 120_000)).toBe('stale');
    expect(level(NOW, NOW, 120_000)).toBe('expired');
    expect(level(undefined, NOW, 120_000)).toBe('expired');
  });

  it('takes the least fresh part of a signed-in session', () => {
    const state: AuthState = {
      kind: 'signedIn',
      session: {
        username: 'u',
        userId: 'id',
        tokens: { accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresAt: NOW + 3600_000 },
        identityId: IDENTITY,
        credentials: creds(60_000),
      },
    };
    expect(freshness(state, NOW, margin)).toMatchObject({
      tokens: 'fresh',
      credentials: 'stale',
      session: 'stale',
    });
    expect(freshness(state, NOW, { ...margin, hasIdentityPool: false }).session).toBe('fresh');
  });

  it('says until when its judgement holds: the next change of level', () => {
    const expiresAt = NOW + 3600_000;
    const c = creds(3600_000);
    expect(freshness(federated(c), NOW, margin).validUntil).toBe(expiresAt - margin.ms);
    expect(freshness(federated(c), expiresAt - 1000, margin)).toMatchObject({
      credentials: 'stale',
      validUntil: expiresAt,
    });
    expect(freshness(federated(c), expiresAt, margin).validUntil).toBe(Number.POSITIVE_INFINITY);
  });

  it('caps a margin longer than the lifetime at half of it', () => {
    const short = creds(60_000);
    const issued = (state: AuthState): AuthState =>
      state.kind === 'federated'
        ? { ...state, session: { ...state.session, credentialsIssuedAt: NOW } }
        : state;
    expect(freshness(issued(federated(short)), NOW + 20_000, margin)).toMatchObject({
      session: 'fresh',
      marginCapped: true,
    });
    expect(freshness(issued(federated(short)), NOW + 31_000, margin).session).toBe('stale');
    expect(freshness(federated(short), NOW + 20_000, margin)).toMatchObject({
      session: 'stale',
      marginCapped: false,
    });
  });

  it('says until when a fresh session stays fresh: the earliest expiry less its margin', () => {
    expect(freshness(federated(creds(3600_000)), NOW, margin).freshUntil).toBe(NOW + 3600_000 - 120_000);
    expect(freshness(federated(creds(60_000)), NOW, margin).freshUntil).toBe(NOW);
    const refused: AuthState = {
      kind: 'signedOut',
      guest: {
        identityId: undefined,
        credentials: undefined,
        refusal: new NotAuthorizedException('No.', 'x'),
      },
    };
    expect(freshness(refused, NOW, margin).freshUntil).toBe(Number.POSITIVE_INFINITY);
  });

  it('treats a rejected token, and a state before the restore, as expired', () => {
    expect(freshness(federated(creds(3600_000), true), NOW, margin).session).toBe('expired');
    expect(freshness({ kind: 'restoring' }, NOW, margin).session).toBe('expired');
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order; a failure does not stop the next', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const a = queue.run('network', async () => {
      await new Promise((r) => setTimeout(r, 10));
      order.push('a');
    });
    const b = queue.run('network', async () => {
      order.push('b');
      throw new Error('b failed');
    });
    const c = queue.run('local', async () => void order.push('c'));
    await Promise.allSettled([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(queue.idle).toBe(true);
  });

  it('abandons network tasks at once (aborting their signal) and keeps local ones in order', async () => {
    const queue = new SerialQueue();
    let signal: AbortSignal | undefined;
    const hanging = queue.run('network', (s) => {
      signal = s;
      return new Promise<never>(() => undefined);
    });
    const local = queue.run('local', async () => 'local');
    const waiting = queue.run('network', async () => 'never runs');
    await new Promise((r) => setImmediate(r));
    queue.abandonNetworkTasks(() => new Error('abandoned'));
    await expect(hanging).rejects.toThrow('abandoned');
    await expect(waiting).rejects.toThrow('abandoned');
    await expect(local).resolves.toBe('local');
    expect(signal?.aborted).toBe(true);
    expect(queue.idle).toBe(true);
  });
});
