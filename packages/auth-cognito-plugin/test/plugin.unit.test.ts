import { inspect } from 'node:util';
import {
  Amplify,
  ConfigurationException,
  InMemoryKeyValueStorage,
  Logging,
  NetworkException,
  NotAuthorizedException,
  type LogEntry,
} from '@plugboard/core';
import { createPluginContext, parseAmplifyConfiguration } from '@plugboard/core/internals';
import { AuthProvider, AWSCognitoAuthPlugin, type AWSTemporaryCredentials } from '../src';
import { type IdentityPoolService, pluginWithTransports } from '../src/internal';
import { readConfig } from '../src/runtime/pluginConfig';
import { makeCredentials } from '../src/model/credentials';
import { recordWritten } from './support/secrets';

const POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';
const IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';

/** An identity-pool service whose answers the test releases one at a time. */
function fakeService(now: () => number, lifetimeMs = 3600_000) {
  const calls: string[] = [];
  let issued = 0;
  let rejectTokens = false;
  let failNext: Error | undefined;
  const gates: (() => void)[] = [];
  const wait = () => new Promise<void>((resolve) => gates.push(resolve));
  const service: IdentityPoolService = {
    async getId(_pool, logins) {
      calls.push(`GetId ${Object.keys(logins ?? {}).join()}`);
      await wait();
      return IDENTITY;
    },
    async getCredentialsForIdentity(identityId, logins) {
      calls.push(`GetCredentialsForIdentity ${identityId} ${Object.keys(logins ?? {}).join()}`);
      await wait();
      if (rejectTokens) throw new NotAuthorizedException('Token expired.', 'Get a new token.');
      const failure = failNext;
      failNext = undefined;
      if (failure) throw failure;
      issued++;
      return {
        identityId: identityId,
        credentials: makeCredentials({
          accessKeyId: `ASIAFAKE${issued}`,
          secretAccessKey: `fake-secret-${issued}-${'s'.repeat(30)}`,
          sessionToken: `fake-session-${issued}-${'t'.repeat(30)}`,
          expiration: now() + lifetimeMs,
        }),
      };
    },
  };
  return {
    service,
    calls,
    /** Lets every pending call answer, repeatedly, until nothing is pending. */
    async drain() {
      for (let i = 0; i < 50; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        gates.splice(0).forEach((release) => release());
      }
    },
    rejectTokens() {
      rejectTokens = true;
    },
    failNext(error: Error) {
      failNext = error;
    },
  };
}

async function setUp(options: { margin?: number; lifetimeMs?: number } = {}) {
  let offset = 0;
  const now = () => 1_800_000_000_000 + offset;
  const fake = fakeService(now, options.lifetimeMs);
  await Amplify.reset();
  const plugin = pluginWithTransports({
    identityPoolService: fake.service,
    clock: now,
    storage: new InMemoryKeyValueStorage(),
    credentialsRefreshMarginSeconds: options.margin ?? 0,
  });
  Amplify.addPlugin(plugin);
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1' } } },
        },
      },
    },
  });
  const federated = plugin.federateToIdentityPool('provider-token-abcdef', AuthProvider.google());
  await fake.drain();
  await federated;
  fake.calls.length = 0;
  return { plugin, fake, advance: (ms: number) => void (offset += ms) };
}

afterEach(async () => {
  await Amplify.reset();
});

describe('AWSCognitoAuthPlugin (unit, fake identity-pool service)', () => {
  describe('fetchAuthSession', () => {
    it('answers the same session object from memory while nothing changes', async () => {
      const { plugin, fake } = await setUp();
      const a = await plugin.fetchAuthSession();
      const b = await plugin.fetchAuthSession();
      expect(b).toBe(a);
      expect(fake.calls).toEqual([]);
    });

    it('answers a new session object after the state changes', async () => {
      const { plugin, fake } = await setUp();
      const before = await plugin.fetchAuthSession();
      const refreshed = plugin.fetchAuthSession({ forceRefresh: true });
      await fake.drain();
      const after = await refreshed;
      expect(after).not.toBe(before);
      expect((after.awsCredentialsResult as { value: AWSTemporaryCredentials }).value.accessKeyId).toBe(
        'ASIAFAKE2',
      );
    });

    it('coalesces concurrent refreshes into one request, a forced fetch included', async () => {
      const { plugin, fake, advance } = await setUp();
      advance(3600_000);
      const fetches = [
        plugin.fetchAuthSession(),
        plugin.fetchAuthSession({ forceRefresh: true }),
        plugin.fetchAuthSession(),
      ];
      await fake.drain();
      const sessions = await Promise.all(fetches);
      expect(fake.calls).toEqual([`GetCredentialsForIdentity ${IDENTITY} accounts.google.com`]);
      expect(new Set(sessions).size).toBe(1);
    });

    it('does not join a fetch queued before another operation (linearizable)', async () => {
      const { plugin, fake } = await setUp();
      const first = plugin.fetchAuthSession({ forceRefresh: true });
      const federated = plugin.federateToIdentityPool('provider-token-2', AuthProvider.facebook());
      const second = plugin.fetchAuthSession({ forceRefresh: true });
      await fake.drain();
      const [a, , b] = await Promise.all([first, federated, second]);
      expect(a.isSignedIn).toBe(true);
      expect(fake.calls.filter((c) => c.startsWith('GetCredentialsForIdentity'))).toHaveLength(3);
      expect(b).not.toBe(a);
    });

    it('abandons a refresh in flight when the federation is cleared: the clear completes at once, the late answer changes nothing', async () => {
      const { plugin, fake } = await setUp();
      const events: string[] = [];
      const { Hub, HubChannel } = await import('@plugboard/core');
      const sub = Hub.subscribe(HubChannel.AUTH, (e) => void events.push(e.name));
      const refresh = plugin.fetchAuthSession({ forceRefresh: true });
      await new Promise((resolve) => setImmediate(resolve)); // the refresh is now waiting for the service
      expect(fake.calls).toHaveLength(1);
      await plugin.clearFederationToIdentityPool(); // the fake has not answered: nothing waits for it
      await fake.drain(); // the late answer, and the guest credentials the abandoned fetch asks for again
      expect((await refresh).isSignedIn).toBe(false);
      const after = await plugin.fetchAuthSession();
      expect(after.isSignedIn).toBe(false);
      expect(fake.calls).toEqual([
        `GetCredentialsForIdentity ${IDENTITY} accounts.google.com`,
        'GetId ',
        `GetCredentialsForIdentity ${IDENTITY} `,
      ]);
      sub.unsubscribe();
      expect(events).toEqual(['FEDERATION_TO_IDENTITY_POOL_CLEARED']);
    });

    it('publishes SESSION_EXPIRED once and stops sending a rejected token', async () => {
      const { plugin, fake, advance } = await setUp();
      const events: string[] = [];
      const { Hub, HubChannel } = await import('@plugboard/core');
      const sub = Hub.subscribe(HubChannel.AUTH, (e) => void events.push(e.name));
      fake.rejectTokens();
      advance(3600_000);
      const a = plugin.fetchAuthSession();
      await fake.drain();
      await a;
      await plugin.fetchAuthSession();
      await plugin.fetchAuthSession();
      sub.unsubscribe();
      expect(events).toEqual(['SESSION_EXPIRED']);
      expect(fake.calls).toHaveLength(1);
    });
  });

  describe('refresh margin and forced refreshes', () => {
    const captureLogs = () => {
      const entries: LogEntry[] = [];
      Logging.setSink((entry) => {
        entries.push(entry);
        recordWritten(entry);
      });
      return { entries, restore: () => Logging.setSink((entry) => recordWritten(entry)) };
    };

    it('caps a margin at least as long as the credentials last at half their lifetime, warning once', async () => {
      const logs = captureLogs();
      try {
        const { plugin, fake, advance } = await setUp({ margin: 120, lifetimeMs: 60_000 });
        for (let i = 0; i < 5; i++) await plugin.fetchAuthSession();
        expect(fake.calls).toEqual([]); // 60 s left, capped margin 30 s: fresh
        advance(31_000);
        const refreshed = plugin.fetchAuthSession();
        await fake.drain();
        await refreshed;
        expect(fake.calls).toHaveLength(1);
        for (let i = 0; i < 5; i++) await plugin.fetchAuthSession();
        expect(fake.calls).toHaveLength(1);
        const warnings = logs.entries.filter((e) => /half their lifetime/.test(e.message));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]!.level).toBe('WARN');
      } finally {
        logs.restore();
      }
    });

    it('keeps the configured margin when it is shorter than the lifetime', async () => {
      const { plugin, fake, advance } = await setUp({ margin: 120, lifetimeMs: 3600_000 });
      advance(3600_000 - 100_000); // 100 s left: inside the 120 s margin
      const refreshed = plugin.fetchAuthSession();
      await fake.drain();
      await refreshed;
      expect(fake.calls).toHaveLength(1);
    });

    it('answers a forced refresh whose token is rejected with FAILURE, keeping the identity id', async () => {
      const { plugin, fake } = await setUp();
      const before = await plugin.fetchAuthSession();
      fake.rejectTokens();
      const forced = plugin.fetchAuthSession({ forceRefresh: true });
      await fake.drain();
      const session = await forced;
      expect(session.awsCredentialsResult.type).toBe('FAILURE');
      const plain = await plugin.fetchAuthSession();
      expect(plain.identityIdResult).toEqual(before.identityIdResult);
    });

    it('gives plain callers joined to a failed forced refresh the still-valid credentials', async () => {
      const { plugin, fake } = await setUp();
      const before = await plugin.fetchAuthSession();
      fake.failNext(new NetworkException('Unreachable.', 'Try again.'));
      const forced = plugin.fetchAuthSession({ forceRefresh: true });
      const plain = plugin.fetchAuthSession();
      await fake.drain();
      const [f, p] = await Promise.all([forced, plain]);
      expect((f.awsCredentialsResult as { error: unknown }).error).toBeInstanceOf(NetworkException);
      expect(p.awsCredentialsResult).toEqual(before.awsCredentialsResult);
      expect(fake.calls).toHaveLength(1);
      expect(await plugin.fetchAuthSession()).toBe(before); // the stored session is unchanged
    });
  });

  describe('configure', () => {
    it('refuses a section with a plain-http remote endpoint, naming the field, when configured directly', () => {
      const plugin = new AWSCognitoAuthPlugin();
      const section = {
        CredentialsProvider: {
          CognitoIdentity: {
            Default: { PoolId: POOL, Region: 'us-east-1', Endpoint: 'http://cognito.example.com' },
          },
        },
      };
      expect(() => plugin.configure(section, createPluginContext('auth', 'awsCognitoAuthPlugin'))).toThrow(
        expect.objectContaining({
          name: 'ConfigurationException',
          message: expect.stringContaining('CredentialsProvider.CognitoIdentity.Default.Endpoint'),
        }),
      );
    });

    it('keeps its own frozen, null-prototype copy of the section it was configured with', () => {
      const Default = { PoolId: POOL, Region: 'us-east-1' };
      const section = { CredentialsProvider: { CognitoIdentity: { Default } } };
      const { config } = readConfig(section, {});
      Default.PoolId = 'us-east-1:99999999-9999-4999-8999-999999999999';
      const kept = config.CredentialsProvider!.CognitoIdentity!.Default!;
      expect(kept.PoolId).toBe(POOL);
      expect(Object.getPrototypeOf(kept)).toBeNull();
      expect(Object.isFrozen(kept) && Object.isFrozen(config)).toBe(true);
    });

    it('takes a section Amplify.configure validated and froze as it is (one validation), copies any other', () => {
      const parsed = parseAmplifyConfiguration({
        auth: {
          plugins: {
            awsCognitoAuthPlugin: {
              CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1' } } },
            },
          },
        },
      });
      const fromCore = parsed.auth!.plugins!.awsCognitoAuthPlugin!;
      expect(readConfig(fromCore, {}).config).toBe(fromCore);
      // The same content, not from core: copied and checked again.
      const direct = {
        CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1' } } },
      };
      const { config } = readConfig(direct, {});
      expect(config).not.toBe(direct);
      expect(Object.isFrozen(config)).toBe(true);
      // A section core never saw is still refused by the plugin's own check.
      expect(() =>
        readConfig({ CredentialsProvider: { CognitoIdentity: { Default: { PoolId: 'x' } } } }, {}),
      ).toThrow(ConfigurationException);
    });

    it('refuses a section without any pool', () => {
      expect(() =>
        new AWSCognitoAuthPlugin().configure({}, createPluginContext('auth', 'awsCognitoAuthPlugin')),
      ).toThrow(ConfigurationException);
    });
  });

  describe('inspection', () => {
    it('shows neither tokens nor credentials when the plugin, a result or a session is printed', async () => {
      const { plugin } = await setUp();
      const session = await plugin.fetchAuthSession();
      const printed = [
        inspect(plugin, { depth: 10 }),
        inspect(session, { depth: 10 }),
        JSON.stringify(session),
        String((session.awsCredentialsResult as { value: AWSTemporaryCredentials }).value),
      ].join('\n');
      expect(printed).not.toMatch(/fake-secret|fake-session|provider-token/);
      expect(printed).toContain('ASIAFAKE1');
      expect(printed).toContain('***');
      const value = (session.awsCredentialsResult as { value: AWSTemporaryCredentials }).value;
      expect(value.secretAccessKey).toMatch(/^fake-secret-1/);
    });
  });
});
