// fromAmplifyAuth with real AWS SDK clients (DynamoDB against dynalite, S3 against a small object store),
// both behind endpoints that verify every request's SigV4 signature against the secret key Cognito issued.
import { inspect } from 'node:util';
import { GetItemCommand, PutItemCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  Amplify,
  InvalidParameterException,
  NotAuthorizedException,
  PluginNotFoundException,
  SessionExpiredException,
  SignedOutException,
} from '@plugboard/core';
import { AuthProvider, fromAmplifyAuth, type FederateToIdentityPoolResult } from '../src';
import { remember } from './support/harness';
import { startSdkWorld, TABLE, throughEndpoint, type SdkWorld } from './support/sdkWorld';

// The AWS SDK decides when its cached credentials are stale from Date.now, so the clock these tests move
// is Date.now itself: the emulator, the plugin (the harness clock follows Date.now), the SDK and the
// signature check all read it.
const realNow = Date.now.bind(Date);
let shift = 0;
const advance = (ms: number): void => void (shift += ms);
beforeAll(() => jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift));
afterAll(() => jest.restoreAllMocks());

const putScore = (client: DynamoDBClient, identityId: string, score: number): Promise<unknown> =>
  client.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: { identityId: { S: identityId }, score: { N: String(score) } },
    }),
  );

const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('fromAmplifyAuth', () => {
  let w: SdkWorld;
  let federated: FederateToIdentityPoolResult;
  const federate = async (subject = 'alice'): Promise<FederateToIdentityPoolResult> =>
    remember(
      await w.plugin.federateToIdentityPool(
        await w.h.token('graph.facebook.com', subject),
        AuthProvider.facebook(),
      ),
    );
  beforeEach(async () => {
    w = await startSdkWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  describe('credentials objects the plugin hands out', () => {
    it('work as static credentials of DynamoDB and S3 clients (extensible, fields read-only)', async () => {
      federated = await federate();
      const { credentials } = federated;
      expect(Object.isExtensible(credentials)).toBe(true);
      expect(() => {
        (credentials as { accessKeyId: string }).accessKeyId = 'AKIAFORGED';
      }).toThrow(TypeError);

      await putScore(w.dynamoClient(credentials), federated.identityId, 10);
      const s3 = w.s3Client(credentials);
      await s3.send(new PutObjectCommand({ Bucket: 'game', Key: 'saves/alice.json', Body: '{"level":3}' }));
      const saved = await s3.send(new GetObjectCommand({ Bucket: 'game', Key: 'saves/alice.json' }));
      expect(await saved.Body!.transformToString()).toBe('{"level":3}');

      expect(w.dynamo.accepted).toEqual([
        expect.objectContaining({
          accessKeyId: credentials.accessKeyId,
          identityId: federated.identityId,
          operation: 'PutItem',
        }),
      ]);
      expect(w.s3.accepted.map((r) => r.operation)).toEqual([
        'PUT /game/saves/alice.json',
        'GET /game/saves/alice.json',
      ]);
      expect(w.s3.rejected).toEqual([]);
      // What the SDK added to the object does not unmask it.
      expect(inspect(credentials)).not.toContain(credentials.secretAccessKey);

      // The session's credentials too (the same object the plugin answers every fetch with until refresh).
      const session = (await w.plugin.fetchAuthSession()).awsCredentialsResult;
      if (session.type !== 'SUCCESS') throw session.error;
      await putScore(w.dynamoClient(session.value), federated.identityId, 11);
      await putScore(w.dynamoClient(session.value), federated.identityId, 12);
      expect(w.dynamo.accepted.map((r) => r.accessKeyId)).toEqual(Array(3).fill(credentials.accessKeyId));
    });

    it('are checked against the secret key, not only the access key id', async () => {
      federated = await federate();
      const { accessKeyId, sessionToken } = federated.credentials;
      const forged = {
        accessKeyId,
        sessionToken,
        secretAccessKey: 'not-the-secret-key-at-all-0123456789abcd',
      };
      const error = await rejectionOf(putScore(w.dynamoClient(forged), federated.identityId, 1));
      expect(error).toMatchObject({ name: 'InvalidSignatureException' });
      const s3Error = await rejectionOf(
        w.s3Client(forged).send(new PutObjectCommand({ Bucket: 'game', Key: 'k', Body: 'x' })),
      );
      expect(s3Error).toMatchObject({ name: 'SignatureDoesNotMatch' });
      expect(w.dynamo.accepted).toEqual([]);
      expect(w.s3.objects.size).toBe(0);
    });
  });

  describe('as the credentials of an SDK client', () => {
    it('finds the plugin through Amplify.Auth on each call, so it can be created before configure', async () => {
      await Amplify.reset();
      const credentials = fromAmplifyAuth();
      const early = w.dynamoClient(credentials);
      expect(await rejectionOf(putScore(early, 'us-east-1:none', 1))).toBeInstanceOf(PluginNotFoundException);

      w = { ...w, plugin: await w.h.restart(undefined, throughEndpoint(w.h.config, w.tap.endpoint)) };
      federated = await federate();
      await putScore(early, federated.identityId, 42);
      const read = await early.send(
        new GetItemCommand({ TableName: TABLE, Key: { identityId: { S: federated.identityId } } }),
      );
      expect(read.Item?.score).toEqual({ N: '42' });
      expect(new Set(w.dynamo.accepted.map((r) => r.identityId))).toEqual(new Set([federated.identityId]));
    });

    it('uses the plugin given as `plugin`, without looking at Amplify.Auth', async () => {
      federated = await federate();
      const explicit = w.dynamoClient(fromAmplifyAuth({ plugin: w.plugin }));
      const byDefault = w.dynamoClient(fromAmplifyAuth());
      Amplify.Auth.removePlugin(w.plugin);
      await putScore(explicit, federated.identityId, 7);
      expect(await rejectionOf(putScore(byDefault, federated.identityId, 8))).toBeInstanceOf(
        PluginNotFoundException,
      );
      expect(w.dynamo.accepted.map((r) => r.operation)).toEqual(['PutItem']);
    });

    it("honours the SDK's forceRefresh with a new GetCredentialsForIdentity", async () => {
      federated = await federate();
      const client = w.dynamoClient(fromAmplifyAuth());
      await putScore(client, federated.identityId, 1);
      const before = w.h.emulator.requests().length;
      const identity = await client.config.credentials({ forceRefresh: true });
      expect(w.h.calls('GetCredentialsForIdentity', before)).toBe(1);
      expect(identity.accessKeyId).not.toBe(federated.credentials.accessKeyId);
      await putScore(client, federated.identityId, 2);
      expect(w.dynamo.accepted.map((r) => r.accessKeyId)).toEqual([
        federated.credentials.accessKeyId,
        identity.accessKeyId,
      ]);
    });

    it('answers a fresh extensible object on each call, secrets masked when printed', async () => {
      federated = await federate();
      const provider = fromAmplifyAuth();
      const [a, b] = await Promise.all([provider(), provider()]);
      expect(a).not.toBe(b);
      expect(a).toMatchObject({
        accessKeyId: federated.credentials.accessKeyId,
        secretAccessKey: federated.credentials.secretAccessKey,
        sessionToken: federated.credentials.sessionToken,
        // When the SDK should ask again: the plugin's refresh time (2 min before expiry) + the SDK's 5 min.
        expiration: new Date(federated.credentials.expiration.getTime() - 120_000 + 300_000),
      });
      expect(Object.isExtensible(a)).toBe(true);
      (a as unknown as Record<string, unknown>).$source = { CREDENTIALS_CODE: 'e' };
      for (const printed of [inspect(a), JSON.stringify(a), String(a), `${inspect({ nested: b })}`]) {
        expect(printed).toContain(federated.credentials.accessKeyId);
        expect(printed).not.toContain(federated.credentials.secretAccessKey);
        expect(printed).not.toContain(federated.credentials.sessionToken!);
      }
    });

    it('rejects with SignedOutException when signed out and the pool gives no guest credentials', async () => {
      const error = await rejectionOf(putScore(w.dynamoClient(fromAmplifyAuth()), 'us-east-1:none', 1));
      expect(error).toBeInstanceOf(SignedOutException);
      expect((error as SignedOutException).message).toMatch(/nobody is signed in/);
      expect((error as SignedOutException).recoverySuggestion).toMatch(/federateToIdentityPool/);
      expect((error as SignedOutException).cause).toBeInstanceOf(NotAuthorizedException);
      expect(w.dynamo.accepted).toEqual([]);
      expect(w.dynamo.rejected).toEqual([]);
    });

    it('signs with guest credentials while signed out when the pool allows guests', async () => {
      await w.stop();
      w = await startSdkWorld({ allowUnauthenticatedIdentities: true });
      const guest = await w.plugin.fetchAuthSession();
      expect(guest.isSignedIn).toBe(false);
      const identityId = guest.identityIdResult.type === 'SUCCESS' ? guest.identityIdResult.value : '';
      await putScore(w.dynamoClient(fromAmplifyAuth()), identityId, 3);
      expect(w.dynamo.accepted).toEqual([expect.objectContaining({ identityId, operation: 'PutItem' })]);
    });

    it('rejects with SessionExpiredException once the provider token is rejected', async () => {
      const token = await w.h.token('graph.facebook.com', 'alice', 120);
      federated = remember(await w.plugin.federateToIdentityPool(token, AuthProvider.facebook()));
      const client = w.dynamoClient(fromAmplifyAuth());
      await putScore(client, federated.identityId, 1);
      advance(federated.credentials.expiration.getTime() - Date.now() + 1000);
      expect(await rejectionOf(putScore(client, federated.identityId, 2))).toBeInstanceOf(
        SessionExpiredException,
      );
      expect(w.dynamo.accepted).toHaveLength(1);
    });

    it.each([
      ['null', null],
      ['a string', 'awsCognitoAuthPlugin'],
      ['an array', []],
      ['an unknown option', { plugin: undefined, region: 'us-east-1' }],
      ['a plugin that is not the Cognito plugin', { plugin: { getPluginKey: () => 'awsCognitoAuthPlugin' } }],
    ])('rejects %s as options with InvalidParameterException, before any request', (_, options) => {
      const before = w.h.emulator.requests().length;
      let error: unknown;
      try {
        fromAmplifyAuth(options as never);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidParameterException);
      expect((error as InvalidParameterException).recoverySuggestion).toMatch(/fromAmplifyAuth|plugin/);
      expect(w.h.emulator.requests().length).toBe(before);
    });
  });

  describe('after the credentials expire', () => {
    it('20 concurrent SDK calls cause at most one GetCredentialsForIdentity', async () => {
      federated = await federate();
      const provider = fromAmplifyAuth();
      const clients = Array.from({ length: 20 }, () => w.dynamoClient(provider));
      await Promise.all(clients.map((client) => putScore(client, federated.identityId, 1)));
      advance(federated.credentials.expiration.getTime() - Date.now() + 1000);
      const before = w.h.emulator.requests().length;
      await Promise.all(clients.map((client, i) => putScore(client, federated.identityId, i)));
      expect(w.h.calls('GetCredentialsForIdentity', before)).toBe(1);
      const keys = new Set(w.dynamo.accepted.slice(20).map((r) => r.accessKeyId));
      expect(keys.size).toBe(1);
      expect(keys.has(federated.credentials.accessKeyId)).toBe(false);
    });

    it('refresh under a long-lived SDK client; the old credentials are refused', async () => {
      federated = await federate();
      const client = w.dynamoClient(fromAmplifyAuth());
      await putScore(client, federated.identityId, 1);
      advance(2 * 60 * 60_000);
      await putScore(client, federated.identityId, 2);
      await putScore(client, federated.identityId, 3);
      const [first, second, third] = w.dynamo.accepted.map((r) => r.accessKeyId);
      expect(second).not.toBe(first);
      expect(third).toBe(second);
      const stale = await rejectionOf(
        putScore(w.dynamoClient(federated.credentials), federated.identityId, 9),
      );
      expect(stale).toMatchObject({ name: 'ExpiredTokenException' });
      const all = await client.send(new ScanCommand({ TableName: TABLE }));
      expect(all.Items).toEqual([{ identityId: { S: federated.identityId }, score: { N: '3' } }]);
    });
  });

  describe('with credentials shorter-lived than the SDK refresh window (4 minutes)', () => {
    it('the SDK asks the provider once per plugin refresh, not on every send', async () => {
      await w.stop();
      w = await startSdkWorld({ credentialsLifetimeSeconds: 240 });
      federated = await federate();
      const provider = fromAmplifyAuth();
      let calls = 0;
      const s3 = w.s3Client(async (properties) => {
        calls += 1;
        return provider(properties);
      });
      const send = (n: number) =>
        s3.send(new PutObjectCommand({ Bucket: 'game', Key: `saves/${n}.json`, Body: `{"n":${n}}` }));
      for (let n = 0; n < 5; n += 1) {
        await send(n);
        advance(20_000); // 100 s in all: the credentials stay fresh (the plugin refreshes at 240 - 120 s)
      }
      expect(calls).toBe(1);
      expect(w.s3.accepted.map((r) => r.accessKeyId)).toEqual(
        Array(5).fill(federated.credentials.accessKeyId),
      );

      // Past the plugin's refresh point: one more provider call, one GetCredentialsForIdentity.
      advance(30_000);
      const before = w.h.emulator.requests().length;
      for (let n = 5; n < 10; n += 1) await send(n);
      expect(calls).toBe(2);
      expect(w.h.calls('GetCredentialsForIdentity', before)).toBe(1);
      expect(w.s3.rejected).toEqual([]);
    });
  });

  describe('after clearFederationToIdentityPool', () => {
    it('rejects, so a long-lived client can no longer sign', async () => {
      federated = await federate();
      const client = w.dynamoClient(fromAmplifyAuth());
      await putScore(client, federated.identityId, 1);
      await w.plugin.clearFederationToIdentityPool();
      // The SDK keeps its cached credentials until they near expiry; once they do, it must ask again.
      advance(federated.credentials.expiration.getTime() - Date.now() - 60_000);
      const error = await rejectionOf(putScore(client, federated.identityId, 2));
      expect(error).toBeInstanceOf(SignedOutException);
      expect(await rejectionOf(fromAmplifyAuth()())).toBeInstanceOf(SignedOutException);
      expect(w.dynamo.accepted).toHaveLength(1);
    });
  });

  it('keeps each player to the item keyed by their own identity id', async () => {
    federated = await federate('alice');
    const alice = w.dynamoClient(fromAmplifyAuth());
    const error = await rejectionOf(putScore(alice, 'us-east-1:00000000-0000-4000-8000-000000000000', 1));
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
    await putScore(alice, federated.identityId, 5);
  });
});
