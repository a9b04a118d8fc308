import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';
import {
  eventually,
  startContextProcesses,
  type ContextEvent,
  type ContextProcess,
} from './support/contextProcesses';
import { jwtsIn, leakedSecrets, rememberSecrets } from './support/secrets';

/**
 * Issue 23, the user-pool token path across processes: four Node processes (the built packages) share
 * one session file and one user-pool sign-in (cognito-local behind the SRP front). Past the tokens'
 * expiry, all four fetch at once: exactly one token refresh reaches the pool and all four stay signed in
 * with the same new tokens, with or without refresh-token rotation. A sign-out in one: the others
 * publish SIGNED_OUT with `source: 'another-context'` and report signed out.
 */
const PASSWORD = 'Ctx-Passw0rd-1';
let users: SrpUserPool;
let config: unknown;
let poolId: string;
let count = 0;
let dir: string;
let contexts: ContextProcess[] = [];

beforeAll(async () => {
  users = await startSrpUserPool();
  const pool = await users.createPool();
  poolId = pool.poolId;
  await users.admin.send(
    new UpdateUserPoolCommand({ UserPoolId: poolId, AutoVerifiedAttributes: ['email'] }),
  );
  config = {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CognitoUserPool: {
            Default: {
              PoolId: poolId,
              AppClientId: pool.clientId,
              Region: 'us-east-1',
              Endpoint: users.endpoint,
            },
          },
        },
      },
    },
  };
  rememberSecrets(PASSWORD);
}, 30_000);
afterAll(async () => {
  await users?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plugboard-user-contexts-'));
});
afterEach(async () => {
  users.proxy.enableRotation(false);
  // No token or password in any process's Hub events or warnings.
  const written = JSON.stringify(
    await Promise.all(contexts.map(async (c) => [await events(c), await c.ask('warnings')])),
  );
  expect(jwtsIn(written)).toEqual([]);
  expect(leakedSecrets(written)).toEqual([]);
  await Promise.all(contexts.map((c) => c.end()));
  contexts = [];
  rmSync(dir, { recursive: true, force: true });
});

const events = (c: ContextProcess) => c.ask<ContextEvent[]>('events');
const REFRESH = /^(GetTokensFromRefreshToken|InitiateAuth:REFRESH_TOKEN_AUTH)$/;

/** Four processes on one file, one of them signed in (the others follow it), all past the tokens' expiry. */
async function fourSignedIn(pastExpiry = true) {
  const username = `ctx${++count}@example.com`;
  await users.createUser(poolId, username, PASSWORD);
  // No refresh margin: the tokens are fresh until they expire (see below).
  const file = join(dir, 'session.json');
  contexts = startContextProcesses(dir, 4, { file, config, offset: 0, marginSeconds: 0 });
  await Promise.all(contexts.map((c) => c.ask('ready')));
  expect(await contexts[0]!.ask('signIn', { username, password: PASSWORD })).toBe(true);
  const [own] = await events(contexts[0]!);
  expect(own).toMatchObject({ name: 'SIGNED_IN', data: { userId: expect.any(String) } });
  for (const other of contexts.slice(1)) {
    const heard = await eventually(
      () => events(other),
      (list) => list.some((e) => e.name === 'SIGNED_IN'),
    );
    // The same event and data as the signing process's, plus the source.
    expect(heard).toEqual([
      { name: 'SIGNED_IN', data: { ...own!.data, source: 'another-context' }, at: expect.any(Number) },
    ]);
  }
  // cognito-local dates its tokens by the real clock, so the processes' clocks are moved to just past
  // the first tokens' expiry: tokens issued (by the refresh) a few seconds after them are still fresh.
  if (!pastExpiry) return username;
  const { tokensExpireAt } = await contexts[0]!.ask<{ tokensExpireAt: number }>('fetch');
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const ms = tokensExpireAt - Date.now() + 300;
  await Promise.all(contexts.map((c) => c.ask('setOffset', { ms })));
  return username;
}

async function allFetchAtOnce() {
  const since = users.proxy.received.length;
  const at = Date.now() + 500;
  const answers = await Promise.all(contexts.map((c) => c.ask<Record<string, unknown>>('fetchAt', { at })));
  return { answers, refreshes: users.proxy.received.slice(since).filter((op) => REFRESH.test(op)) };
}

describe('four processes signed in to one user pool, tokens expired, all fetching at once', () => {
  it('send one token refresh and all stay signed in with the same new tokens', async () => {
    await fourSignedIn();
    const { answers, refreshes } = await allFetchAtOnce();
    // One refresh: the service is probed for GetTokensFromRefreshToken once (cognito-local lacks it).
    expect(refreshes).toEqual(['GetTokensFromRefreshToken', 'InitiateAuth:REFRESH_TOKEN_AUTH']);
    expect(answers.map((a) => [a.isSignedIn, a.tokens])).toEqual(Array(4).fill([true, 'SUCCESS']));
    expect(new Set(answers.map((a) => a.accessToken)).size).toBe(1);
  }, 60_000);

  it('with refresh-token rotation: one refresh, nobody signed out, no SESSION_EXPIRED', async () => {
    users.proxy.enableRotation(true);
    await fourSignedIn();
    const { answers, refreshes } = await allFetchAtOnce();
    expect(refreshes).toEqual(['GetTokensFromRefreshToken']);
    expect(answers.map((a) => [a.isSignedIn, a.tokens])).toEqual(Array(4).fill([true, 'SUCCESS']));
    expect(new Set(answers.map((a) => a.accessToken)).size).toBe(1);
    for (const c of contexts) expect((await events(c)).map((e) => e.name)).not.toContain('SESSION_EXPIRED');
  }, 60_000);
});

it('a sign-out in one process: the others publish SIGNED_OUT (source another-context) and report signed out', async () => {
  await fourSignedIn(false);
  const at = Date.now();
  await contexts[1]!.ask('signOut');
  for (const other of [contexts[0]!, contexts[2]!, contexts[3]!]) {
    const heard = await eventually(
      () => events(other),
      (list) => list.some((e) => e.name === 'SIGNED_OUT'),
    );
    const signedOut = heard.filter((e) => e.name === 'SIGNED_OUT');
    expect(signedOut).toEqual([
      { name: 'SIGNED_OUT', data: { source: 'another-context' }, at: expect.any(Number) },
    ]);
    console.info(`followed a sign-out ${signedOut[0]!.at - at} ms after the call started`);
    expect(await other.ask('fetch')).toMatchObject({ isSignedIn: false, tokens: 'FAILURE' });
  }
  // The process that signed out published its own event, without a source.
  expect((await events(contexts[1]!)).filter((e) => e.name === 'SIGNED_OUT')).toEqual([
    { name: 'SIGNED_OUT', at: expect.any(Number) },
  ]);
}, 60_000);
