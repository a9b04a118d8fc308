// Runs every seed-page snippet (src/snippets) against the emulator, the way an app would call it.
import { Amplify, InvalidStateException, NotAuthorizedException } from '@plugboard/core';
import {
  AuthProvider,
  AWSCognitoAuthPlugin,
  type FederateToIdentityPoolResult,
} from '@plugboard/auth-cognito-plugin';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { clearSession, clearSessionAsync } from '../src/snippets/clearSession';
import {
  federateWithCustomIdentityId,
  federateWithCustomIdentityIdAsync,
} from '../src/snippets/customIdentityId';
import { federateWithCallbacks, federateWithPromise } from '../src/snippets/federateToIdentityPool';
import type { QuickstartLog } from '../src/snippets/log';
import { retrieveSession } from '../src/snippets/retrieveSession';
import { subscribeToAuthEvents } from '../src/snippets/subscribeToAuthEvents';
import { pluginWithTokenRefresher, refederateWhenSessionExpires } from '../src/snippets/tokenRefresh';

/** A QuickstartLog that remembers what the snippet reported and can wait for the next report. */
function recordingLog(): QuickstartLog & { lines: string[]; errors: unknown[]; next(): Promise<string> } {
  const lines: string[] = [];
  const errors: unknown[] = [];
  let waiting: ((line: string) => void) | undefined;
  const push = (line: string): void => {
    lines.push(line);
    const resolve = waiting;
    waiting = undefined;
    resolve?.(line);
  };
  return {
    lines,
    errors,
    info: (message) => push(message),
    error: (message, error) => {
      errors.push(error);
      push(`ERROR ${message}`);
    },
    next: () => new Promise((resolve) => (waiting = resolve)),
  };
}

const HOUR = 3_600_000;

describe('seed page snippets (examples/federation-demo/src/snippets)', () => {
  let emulator: CognitoIdentityEmulator;
  let offset = 0;
  const now = (): number => Date.now() + offset;
  let config: Parameters<typeof Amplify.configure>[0];
  const token = (subject = 'alice', expiresInSeconds = 2 * 3600): Promise<string> =>
    emulator.issueProviderToken({ providerName: 'graph.facebook.com', subject, expiresInSeconds });
  const configure = async (plugin: AWSCognitoAuthPlugin): Promise<AWSCognitoAuthPlugin> => {
    await Amplify.reset();
    Amplify.addPlugin(plugin);
    Amplify.configure(config);
    return plugin;
  };
  const operationsDuring = async (action: () => Promise<unknown>): Promise<string[]> => {
    const mark = emulator.requests().length;
    await action();
    return emulator
      .requests()
      .slice(mark)
      .map((r) => r.operation);
  };

  beforeAll(async () => {
    emulator = await startCognitoIdentityEmulator({ port: 0, now });
    const poolId = await emulator.createIdentityPool({
      supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
    });
    config = {
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
              },
            },
          },
        },
      },
    };
  });
  beforeEach(async () => {
    offset = 0;
    await configure(new AWSCognitoAuthPlugin({ clock: now, credentialsRefreshMarginSeconds: 0 }));
  });
  afterAll(async () => {
    await Amplify.reset();
    await emulator.stop();
  });

  describe('subscribeToAuthEvents', () => {
    it('reports federation, session expiry and clearing as they happen', async () => {
      const log = recordingLog();
      const subscription = subscribeToAuthEvents(log);
      try {
        const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
        const result = await plugin.federateToIdentityPool(await token('ann', 60), AuthProvider.facebook());
        offset += 2 * HOUR;
        await plugin.fetchAuthSession();
        await plugin.clearFederationToIdentityPool();
        expect(log.lines).toEqual([
          `Federated to identity pool as ${result.identityId} via graph.facebook.com.`,
          'Session expired (federatedTokenRejected); sign in or federate again.',
          'Federation to identity pool cleared.',
        ]);
      } finally {
        subscription.unsubscribe();
      }
    });
  });

  describe('federateWithPromise', () => {
    it('returns the identity id and credentials and logs success', async () => {
      const log = recordingLog();
      const result = await federateWithPromise(await token(), undefined, log);
      expect(result?.identityId).toMatch(/^us-east-1:/);
      expect(result?.credentials.expiration).toBeInstanceOf(Date);
      expect(log.lines).toEqual(['Successful federation to Identity Pool.']);
    });

    it('logs the failure and returns undefined when the token is rejected', async () => {
      const log = recordingLog();
      expect(await federateWithPromise(await token('alice', -60), undefined, log)).toBeUndefined();
      expect(log.lines).toEqual(['ERROR Failed to federate to Identity Pool.']);
      expect(log.errors[0]).toBeInstanceOf(NotAuthorizedException);
    });
  });

  describe('federateWithCallbacks', () => {
    it('hands the result to `use` after logging success', async () => {
      const log = recordingLog();
      const providerToken = await token();
      const result = await new Promise<FederateToIdentityPoolResult>((resolve) =>
        federateWithCallbacks(providerToken, resolve, undefined, log),
      );
      expect(result.identityId).toMatch(/^us-east-1:/);
      expect(log.lines).toEqual(['Successful federation to Identity Pool.']);
    });

    it('calls the error callback for a rejected token', async () => {
      const log = recordingLog();
      const reported = log.next();
      federateWithCallbacks(await token('alice', -60), () => {}, undefined, log);
      expect(await reported).toBe('ERROR Failed to federate to Identity Pool.');
    });
  });

  describe('retrieveSession', () => {
    it('logs the identity id and the credential expiry after federation', async () => {
      const federated = await federateWithPromise(await token(), undefined, recordingLog());
      const log = recordingLog();
      const session = await retrieveSession(log);
      expect(session.isSignedIn).toBe(true);
      expect(log.lines).toEqual([
        'Signed in: true',
        `Identity id: ${federated!.identityId}`,
        `AWS credentials valid until ${federated!.credentials.expiration.toISOString()}`,
      ]);
    });

    it('reports no credentials when nothing is federated', async () => {
      const log = recordingLog();
      const session = await retrieveSession(log);
      expect(session.isSignedIn).toBe(false);
      expect(log.lines).toEqual(['Signed in: false', 'ERROR No AWS credentials.']);
    });
  });

  describe('refederateWhenSessionExpires', () => {
    it('federates again with a fresh token after SESSION_EXPIRED, to the same identity', async () => {
      const asked: string[] = [];
      const log = recordingLog();
      const subscription = refederateWhenSessionExpires(async (providerName) => {
        asked.push(providerName);
        return token('carl');
      }, log);
      try {
        const first = await federateWithPromise(await token('carl', 60), undefined, recordingLog());
        offset += 3 * HOUR;
        const done = log.next();
        const expired = await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession();
        expect(expired.awsCredentialsResult.type).toBe('FAILURE');
        expect(await done).toBe('Federated again with a fresh provider token.');
        expect(asked).toEqual(['graph.facebook.com']);
        const session = await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession();
        expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first!.identityId });
        expect(session.awsCredentialsResult.type).toBe('SUCCESS');
      } finally {
        subscription.unsubscribe();
      }
    });
  });

  describe('pluginWithTokenRefresher', () => {
    it('lets the plugin get a fresh token and re-federate by itself', async () => {
      const asked: string[] = [];
      await configure(
        pluginWithTokenRefresher(async (providerName) => {
          asked.push(providerName);
          return token('dora');
        }),
      );
      const first = await federateWithPromise(await token('dora', 60), undefined, recordingLog());
      offset += 3 * HOUR; // the emulator now rejects the stored token; the plugin uses the real clock
      const session = await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession({
        forceRefresh: true,
      });
      expect(asked).toEqual(['graph.facebook.com']);
      expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first!.identityId });
      expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    });
  });

  describe('clearSession', () => {
    it('clears the federation (callback style) without a network call', async () => {
      await federateWithPromise(await token(), undefined, recordingLog());
      const log = recordingLog();
      const operations = await operationsDuring(() => new Promise<void>((done) => clearSession(log, done)));
      expect(operations).toEqual([]);
      expect(log.lines).toEqual(['Federation cleared successfully.']);
      expect((await Amplify.Auth.fetchAuthSession()).isSignedIn).toBe(false);
    });

    it('reports InvalidStateException when nothing is federated', async () => {
      const log = recordingLog();
      await new Promise<void>((done) => clearSession(log, done));
      expect(log.lines).toEqual(['ERROR Failed to clear federation.']);
      expect(log.errors[0]).toBeInstanceOf(InvalidStateException);
      await expect(clearSessionAsync()).rejects.toBeInstanceOf(InvalidStateException);
    });
  });

  describe('federateWithCustomIdentityId', () => {
    it('federates to the given identity id with one request and no GetId (callback style)', async () => {
      const first = await federateWithPromise(await token('erin'), undefined, recordingLog());
      const log = recordingLog();
      let result: FederateToIdentityPoolResult | undefined;
      const freshToken = await token('erin');
      const operations = await operationsDuring(
        () =>
          new Promise<void>((resolve) =>
            federateWithCustomIdentityId(
              freshToken,
              first!.identityId,
              (r) => {
                result = r;
                resolve();
              },
              undefined,
              log,
            ),
          ),
      );
      expect(operations).toEqual(['GetCredentialsForIdentity']);
      expect(result?.identityId).toBe(first!.identityId);
      expect(log.lines).toEqual(['Successful federation to Identity Pool.']);
    });

    it('does the same in promise style with a plain options object', async () => {
      const first = await federateWithPromise(await token('erin'), undefined, recordingLog());
      const again = await federateWithCustomIdentityIdAsync(await token('erin'), first!.identityId);
      expect(again.identityId).toBe(first!.identityId);
    });
  });
});
