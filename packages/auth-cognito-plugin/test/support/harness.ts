import {
  Amplify,
  Hub,
  HubChannel,
  type AmplifyConfiguration,
  type AuthHubEvent,
  type KeyValueStorage,
} from '@plugboard/core';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { AWSCognitoAuthPlugin, type FederateToIdentityPoolResult } from '../../src';
import { pluginWithTransports, type InternalPluginOptions } from '../../src/internal';
import { rememberSecrets } from './secrets';

export const PROVIDERS = {
  'graph.facebook.com': 'facebook-app-id',
  'accounts.google.com': 'google-client-id',
  'www.amazon.com': 'amazon-app-id',
  'appleid.apple.com': 'apple-service-id',
  'api.twitter.com': 'twitter-key;twitter-secret',
  'login.example.com': 'oidc-client',
  'arn:aws:iam::123456789012:saml-provider/Corp': 'saml',
  'my.custom.provider': 'custom',
};
export const DEVELOPER_PROVIDER = 'login.plugboard.test';

/** A clock shared by the emulator and the plugin, which a test can move forward. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

export interface Harness {
  readonly emulator: CognitoIdentityEmulator;
  /** The clock of the emulator and of plugins configured by the harness. */
  readonly clock: TestClock;
  /**
   * The back-off waits the built-in identity-pool client asked for, in order: the harness's plugins
   * retry at once instead of waiting (the `sleep` seam), so fault tests do not wait out real back-off.
   */
  readonly backoffs: number[];
  readonly poolId: string;
  readonly plugin: AWSCognitoAuthPlugin;
  /** Every AUTH event published since the harness started. */
  readonly events: AuthHubEvent[];
  /** A provider token from the emulator's test IdP, remembered as a secret. */
  token(providerName?: string, subject?: string, expiresInSeconds?: number): Promise<string>;
  /** Counts of operations that reached the emulator since the harness started (or `since`). */
  calls(operation: string, since?: number): number;
  /** The configuration given to Amplify.configure. */
  readonly config: AmplifyConfiguration;
  /** A new plugin configured like the first (or with `config`), as after a process restart. */
  restart(options?: InternalPluginOptions, config?: AmplifyConfiguration): Promise<AWSCognitoAuthPlugin>;
  stop(): Promise<void>;
}

/** A user pool (on cognito-local) for the plugin to sign in with, trusted by the identity pool. */
export interface HarnessUserPool {
  readonly poolId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly endpoint: string;
  readonly port: number;
  /** Where the tokens' issuer lives when `endpoint` is a proxy in front of it. Default: `endpoint`. */
  readonly issuerDomain?: string;
}

export interface HarnessOptions {
  readonly userPool?: HarnessUserPool;
  readonly credentialsLifetimeSeconds?: number;
  readonly allowUnauthenticatedIdentities?: boolean;
  readonly plugin?: InternalPluginOptions;
  readonly storage?: KeyValueStorage;
}

/** The emulator with one identity pool, and Amplify configured with a fresh plugin pointing at it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const backoffs: number[] = [];
  const clock = testClock();
  const emulator = await startCognitoIdentityEmulator({
    port: 0,
    now: clock.now,
    ...(options.credentialsLifetimeSeconds
      ? { credentialsLifetimeSeconds: options.credentialsLifetimeSeconds }
      : {}),
  });
  const poolId = await emulator.createIdentityPool({
    allowUnauthenticatedIdentities: options.allowUnauthenticatedIdentities ?? false,
    supportedLoginProviders: PROVIDERS,
    developerProviderName: DEVELOPER_PROVIDER,
    ...(options.userPool
      ? {
          openIdConnectProviders: [
            {
              providerName: `cognito-idp.us-east-1.amazonaws.com/${options.userPool.poolId}`,
              issuer: `${options.userPool.issuerDomain ?? options.userPool.endpoint}/${options.userPool.poolId}`,
              jwksUri: `${options.userPool.issuerDomain ?? options.userPool.endpoint}/${options.userPool.poolId}/.well-known/jwks.json`,
              audiences: [options.userPool.clientId],
            },
          ],
        }
      : {}),
  });
  const config: AmplifyConfiguration = {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
            },
          },
          ...(options.userPool
            ? {
                CognitoUserPool: {
                  Default: {
                    PoolId: options.userPool.poolId,
                    AppClientId: options.userPool.clientId,
                    ...(options.userPool.clientSecret
                      ? { AppClientSecret: options.userPool.clientSecret }
                      : {}),
                    Region: 'us-east-1',
                    Endpoint: options.userPool.endpoint,
                  },
                },
              }
            : {}),
        },
      },
    },
  };
  const events: AuthHubEvent[] = [];
  const subscription = Hub.subscribe(HubChannel.AUTH, (event) => {
    events.push(event);
  });
  const configure = async (
    pluginOptions: InternalPluginOptions,
    configuration: AmplifyConfiguration = config,
  ): Promise<AWSCognitoAuthPlugin> => {
    await Amplify.reset();
    const plugin = pluginWithTransports({
      clock: clock.now,
      sleep: async (ms) => void backoffs.push(ms),
      ...pluginOptions,
      ...(options.storage && !pluginOptions.storage ? { storage: options.storage } : {}),
    });
    Amplify.addPlugin(plugin);
    Amplify.configure(configuration);
    return plugin;
  };
  const plugin = await configure(options.plugin ?? {});
  return {
    emulator,
    clock,
    backoffs,
    poolId,
    plugin,
    events,
    async token(providerName = 'graph.facebook.com', subject = 'alice', expiresInSeconds?: number) {
      const token = await emulator.issueProviderToken({
        providerName,
        subject,
        expiresInSeconds: expiresInSeconds ?? 86_400,
      });
      rememberSecrets(token);
      return token;
    },
    calls(operation, since = 0) {
      return emulator
        .requests()
        .slice(since)
        .filter((r) => r.operation === operation).length;
    },
    config,
    restart: (pluginOptions, configuration) =>
      configure(pluginOptions ?? options.plugin ?? {}, configuration),
    async stop() {
      subscription.unsubscribe();
      await Amplify.reset();
      await emulator.stop();
    },
  };
}

/** Remembers the secrets of a federation result so the suite-wide scan looks for them. */
export function remember<T extends FederateToIdentityPoolResult>(result: T): T {
  rememberSecrets(result.credentials.secretAccessKey, result.credentials.sessionToken);
  return result;
}
