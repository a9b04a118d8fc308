import type { AmplifyConfiguration } from '@plugboard/core';
import { AuthProvider } from '@plugboard/auth-cognito-plugin';
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';
import { installDemoClock } from './demoClock';
import type { RemoteOptions } from './options';

/** What the walk-through talks to: the local emulator, or a real identity pool. */
export interface Backend {
  readonly description: string;
  readonly config: AmplifyConfiguration;
  readonly provider: AuthProvider;
  /** The plugin's clock: shared with the emulator so the demo can move time forward. */
  readonly now: () => number;
  /** A provider token for the demo user (the emulator mints one; a real pool uses the --token). */
  token(expiresInSeconds?: number): Promise<string>;
  /** Emulator only: moves the shared clock forward. */
  readonly advanceClock?: (ms: number) => void;
  /** Emulator only: puts the shared clock back on the real time. */
  readonly resetClock?: () => void;
  /** Emulator only: names of the operations that reached it since `mark()`. */
  readonly requestsSince?: (mark: number) => string[];
  readonly mark?: () => number;
  /**
   * Emulator only: a new identity pool that trusts the given user pool's id tokens, and the configuration
   * with both pools; `via` is an endpoint in front of the emulator for the configuration (default: the
   * emulator itself).
   */
  readonly trustUserPool?: (userPool: UserPoolForDemo, via?: string) => Promise<AmplifyConfiguration>;
  /** Emulator only: where the identity pools are (the configuration's Endpoint). */
  readonly identityEndpoint?: string;
  stop(): Promise<void>;
}

/** A user pool on the local user-pool emulator. */
export interface UserPoolForDemo {
  readonly poolId: string;
  readonly clientId: string;
  readonly endpoint: string;
  /** `iss` of its tokens is `${issuerDomain}/${poolId}`, where its JWKS is too. Default: `endpoint`. */
  readonly issuerDomain?: string;
}

function configFor(poolId: string, region: string, endpoint: string | undefined): AmplifyConfiguration {
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: poolId, Region: region, ...(endpoint ? { Endpoint: endpoint } : {}) },
            },
          },
        },
      },
    },
  };
}

/** The emulator on a free loopback port, one identity pool trusting Facebook-style tokens. */
export async function startEmulatorBackend(): Promise<Backend> {
  const clock = installDemoClock();
  const now = clock.now;
  let emulator;
  try {
    emulator = await startCognitoIdentityEmulator({ port: 0, now });
  } catch (error) {
    clock.restore();
    throw error;
  }
  const poolId = await emulator.createIdentityPool({
    identityPoolName: 'federation-demo',
    supportedLoginProviders: { 'graph.facebook.com': 'demo-facebook-app-id' },
  });
  return {
    description: `local Cognito Identity emulator at ${emulator.endpoint}, identity pool ${poolId}`,
    config: configFor(poolId, 'us-east-1', emulator.endpoint),
    provider: AuthProvider.facebook(),
    now,
    token: (expiresInSeconds = 3600) =>
      emulator.issueProviderToken({ providerName: 'graph.facebook.com', subject: 'alice', expiresInSeconds }),
    identityEndpoint: emulator.endpoint,
    advanceClock: (ms) => clock.advance(ms),
    resetClock: () => clock.reset(),
    mark: () => emulator.requests().length,
    requestsSince: (mark) =>
      emulator
        .requests()
        .slice(mark)
        .map((r) => r.operation),
    async trustUserPool(userPool, via = emulator.endpoint) {
      const providerName = `cognito-idp.us-east-1.amazonaws.com/${userPool.poolId}`;
      const issuer = `${userPool.issuerDomain ?? userPool.endpoint}/${userPool.poolId}`;
      const trusting = await emulator.createIdentityPool({
        identityPoolName: 'federation-demo-user-pool',
        openIdConnectProviders: [
          {
            providerName,
            issuer,
            jwksUri: `${issuer}/.well-known/jwks.json`,
            audiences: [userPool.clientId],
          },
        ],
      });
      const config = configFor(trusting, 'us-east-1', via);
      const section = config.auth!.plugins!.awsCognitoAuthPlugin!;
      return {
        auth: {
          plugins: {
            awsCognitoAuthPlugin: {
              ...section,
              CognitoUserPool: {
                Default: {
                  PoolId: userPool.poolId,
                  AppClientId: userPool.clientId,
                  Region: 'us-east-1',
                  Endpoint: userPool.endpoint,
                },
              },
            },
          },
        },
      };
    },
    async stop() {
      await emulator.stop();
      clock.restore();
    },
  };
}

/** A real identity pool (or any endpoint given with --endpoint) and the token from the command line. */
export function remoteBackend(options: RemoteOptions): Backend {
  const where = options.endpoint ?? `the AWS endpoint of ${options.region}`;
  return {
    description: `identity pool ${options.identityPoolId} at ${where}, provider ${options.provider.providerName}`,
    config: configFor(options.identityPoolId, options.region, options.endpoint),
    provider: options.provider,
    now: Date.now,
    token: () => Promise.resolve(options.token),
    stop: () => Promise.resolve(),
  };
}
