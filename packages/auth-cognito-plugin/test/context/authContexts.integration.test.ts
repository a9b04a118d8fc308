// Isolated auth contexts (issue 24) behind a real node:http server on loopback: each request runs in
// runWithAuthContext over the request's cookies; two users federate and call DynamoDB (dynalite behind a
// SigV4-verifying endpoint) in interleaved, concurrent requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  Amplify,
  Hub,
  InvalidParameterException,
  InvalidStateException,
  type HubEvent,
} from '@plugboard/core';
import {
  AuthProvider,
  cookieJarFromNode,
  createAuthContext,
  createCookieStorage,
  fromAmplifyAuth,
  runWithAuthContext,
  type AWSCognitoAuthSession,
} from '../../src';
import { leakedSecrets, jwtsIn, recordWritten } from '../support/secrets';
import { startSdkWorld, TABLE, type SdkWorld } from '../support/sdkWorld';
import { BrowserCookies } from '../server/cookieSupport';

interface Answer {
  readonly identityId?: string;
  readonly accessKeyId?: string;
  readonly viaProvider?: string;
  readonly events?: string[];
  readonly error?: string;
}

let w: SdkWorld;
let server: Server;
let base: string;
const globalEvents: HubEvent[] = [];
const contextEvents: { user: string; event: HubEvent }[] = [];

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const user = url.searchParams.get('user') ?? '';
  const storage = createCookieStorage(cookieJarFromNode(req, res), { attributes: { secure: false } });
  const answer = await runWithAuthContext({ storage }, async (context): Promise<Answer> => {
    const events: string[] = [];
    context.hub.subscribe('auth', (event) => {
      events.push(event.name);
      contextEvents.push({ user, event });
      recordWritten(event);
    });
    if (url.pathname === '/federate') {
      const token = await new Promise<string>((resolve) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => resolve(body));
      });
      await context.plugin.federateToIdentityPool(token, AuthProvider.facebook());
    }
    // Library code written for one user: Amplify.Auth and fromAmplifyAuth() find this request's context.
    const session = (await Amplify.Auth.fetchAuthSession()) as AWSCognitoAuthSession;
    if (session.identityIdResult.type !== 'SUCCESS') return { events, error: 'no identity' };
    const identityId = session.identityIdResult.value;
    const provider = fromAmplifyAuth();
    const viaProvider = (await provider()).accessKeyId;
    await w.dynamoClient(provider).send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { identityId: { S: identityId }, user: { S: user } },
      }),
    );
    const credentials = session.awsCredentialsResult;
    return {
      identityId,
      accessKeyId: credentials.type === 'SUCCESS' ? credentials.value.accessKeyId : undefined,
      viaProvider,
      events,
    };
  });
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(answer));
}

beforeAll(async () => {
  w = await startSdkWorld();
  Hub.subscribe('auth', (event) => void globalEvents.push(event));
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await w.stop();
});

/** One browser: its own cookie jar, requests to the server. */
function browser(user: string) {
  const jar = new BrowserCookies();
  const bodies: string[] = [];
  const send = async (path: string, body?: string): Promise<Answer> => {
    const cookie = jar.header();
    const response = await fetch(`${base}${path}?user=${user}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: cookie === undefined ? {} : { cookie },
      body,
    });
    jar.apply(response.headers.getSetCookie());
    const text = await response.text();
    bodies.push(text);
    return JSON.parse(text) as Answer;
  };
  return { jar, bodies, send };
}

it('keeps two users federating and signing concurrently apart, and the process-wide plugin untouched', async () => {
  const alice = browser('alice');
  const bob = browser('bob');
  const [aliceToken, bobToken] = await Promise.all([
    w.h.token('graph.facebook.com', 'alice'),
    w.h.token('graph.facebook.com', 'bob'),
  ]);
  const [a, b] = await Promise.all([alice.send('/federate', aliceToken), bob.send('/federate', bobToken)]);
  expect(a.error).toBeUndefined();
  expect(b.error).toBeUndefined();
  expect(a.identityId).toBeDefined();
  expect(b.identityId).toBeDefined();
  expect(a.identityId).not.toBe(b.identityId);
  expect(a.accessKeyId).not.toBe(b.accessKeyId);
  // Each context saw its own federation, and only its own.
  expect(a.events).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  expect(b.events).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  for (const { user, event } of contextEvents) {
    const data = event.data as { identityId: string };
    expect(data.identityId).toBe(user === 'alice' ? a.identityId : b.identityId);
  }
  expect(alice.jar.names().length).toBeGreaterThan(0);

  // Interleaved, concurrent requests with the cookies alone: each sees its own identity and credentials.
  const rounds = await Promise.all(
    Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? alice : bob).send('/me')),
  );
  rounds.forEach((answer, i) => {
    const own = i % 2 === 0 ? a : b;
    expect(answer.identityId).toBe(own.identityId);
    expect(answer.accessKeyId).toBe(own.accessKeyId);
    expect(answer.viaProvider).toBe(own.accessKeyId);
    expect(answer.events).toEqual([]);
  });
  // The signed endpoint checked every signature against the secret Cognito issued for that identity.
  const puts = w.dynamo.accepted.filter((r) => r.operation === 'PutItem');
  expect(puts).toHaveLength(10);
  for (const put of puts)
    expect(put.accessKeyId).toBe(put.identityId === a.identityId ? a.accessKeyId : b.accessKeyId);
  expect(new Set(puts.map((p) => p.identityId))).toEqual(new Set([a.identityId, b.identityId]));

  // Nothing reached the process Hub, and the process-wide plugin has no session.
  expect(globalEvents.filter((e) => e.name === 'FEDERATED_TO_IDENTITY_POOL')).toEqual([]);
  const outside = (await Amplify.Auth.fetchAuthSession()) as AWSCognitoAuthSession;
  expect(outside.isSignedIn).toBe(false);
  expect(outside.identityIdResult.type === 'SUCCESS' && outside.identityIdResult.value).not.toBe(
    a.identityId,
  );

  // No secret in what the server answered or the events the contexts delivered.
  const written = [...alice.bodies, ...bob.bodies, ...contextEvents.map((e) => JSON.stringify(e.event))].join(
    '\n',
  );
  expect(leakedSecrets(written)).toEqual([]);
  expect(jwtsIn(written)).toEqual([]);
});

it('gives a context its own session, fromAmplifyAuth({ context }) its credentials, and refuses use after dispose', async () => {
  const store = new Map<string, string>();
  const storage = {
    getItem: async (k: string) => store.get(k) ?? null,
    setItem: async (k: string, v: string) => void store.set(k, v),
    removeItem: async (k: string) => void store.delete(k),
  };
  const context = createAuthContext({ storage });
  const result = await context.plugin.federateToIdentityPool(
    await w.h.token('graph.facebook.com', 'carol'),
    AuthProvider.facebook(),
  );
  expect(store.size).toBeGreaterThan(0);
  const credentials = await fromAmplifyAuth({ context })();
  expect(credentials.accessKeyId).toBe(result.credentials.accessKeyId);
  // Outside runWithAuthContext, Amplify.Auth is the process-wide plugin.
  const outside = (await Amplify.Auth.fetchAuthSession()) as AWSCognitoAuthSession;
  expect(outside.identityIdResult.type === 'SUCCESS' && outside.identityIdResult.value).not.toBe(
    result.identityId,
  );
  await context.dispose();
  await expect(context.plugin.fetchAuthSession()).rejects.toBeInstanceOf(InvalidStateException);
  // The stored session stays for the next request's context.
  expect(store.size).toBeGreaterThan(0);
});

it('rejects bad options with a typed error before anything runs', async () => {
  expect(() => createAuthContext({} as never)).toThrow(InvalidParameterException);
  expect(() => createAuthContext({ storage: new Map() } as never)).toThrow(InvalidParameterException);
  await expect(runWithAuthContext({ storage: {} } as never, async () => 1)).rejects.toBeInstanceOf(
    InvalidParameterException,
  );
  expect(() => fromAmplifyAuth({ context: {} as never })).toThrow(InvalidParameterException);
});
