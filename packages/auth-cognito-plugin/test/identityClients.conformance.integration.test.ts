/**
 * The plugin's two Cognito Identity clients agree: the small built-in `fetch` client (the default) and
 * the real `@aws-sdk/client-cognito-identity` client (used once the escape hatch is loaded). The same
 * federation flows run through each against the emulator over HTTP; the results, the typed errors and
 * the requests the emulator recorded must be the same.
 */
import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import {
  CognitoIdentityClient as BackendClient,
  GetOpenIdTokenForDeveloperIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { AmplifyException, InvalidStateException, type AmplifyConfiguration } from '@plugboard/core';
import { AuthProvider, type AWSCognitoAuthPlugin } from '../src';
import { DEVELOPER_PROVIDER, remember, startHarness, type Harness } from './support/harness';
import { rememberSecrets } from './support/secrets';

type Mode = 'small client' | 'SDK client';

/** What a flow produced, with identity ids replaced by their order of appearance (`id#1`...). */
interface Outcome {
  readonly result: unknown;
  readonly requests: readonly { operation: string; status?: number; roleArn?: string }[];
}

interface Run {
  readonly h: Harness;
  plugin: AWSCognitoAuthPlugin;
  /** Requests the escape-hatch client sent (SDK mode), counted by a middleware the test added. */
  sdkSends: number;
}

async function prepare(run: Run, mode: Mode): Promise<void> {
  if (mode === 'small client') return;
  const { cognitoIdentityClient } = await run.plugin.loadEscapeHatch();
  (cognitoIdentityClient as CognitoIdentityClient).middlewareStack.add(
    (next) => (args) => {
      run.sdkSends += 1;
      return next(args);
    },
    { step: 'deserialize', name: 'countPluginSends' }, // innermost: once per HTTP attempt
  );
}

/** An error as the app sees it: class, name, message, recovery and the service's metadata. */
function describeError(error: unknown): unknown {
  if (!(error instanceof AmplifyException)) return { unexpected: String(error) };
  const metadata = (error as { metadata?: Record<string, unknown> }).metadata ?? {};
  return {
    class: error.constructor.name,
    message: error.message,
    recoverySuggestion: error.recoverySuggestion,
    serviceErrorName: metadata.serviceErrorName,
    httpStatusCode: metadata.httpStatusCode,
    requestId: typeof metadata.requestId === 'string' && metadata.requestId.length > 0,
  };
}

/** Credentials as comparable facts: key shapes and a lifetime rounded to the minute. */
function describeCredentials(credentials: { accessKeyId: string; expiration?: Date }, now: number) {
  return {
    accessKeyId: /^ASIA[A-Z0-9]+$/.test(credentials.accessKeyId),
    lifetimeMinutes: credentials.expiration
      ? Math.round((credentials.expiration.getTime() - now) / 60_000)
      : undefined,
  };
}

type Flow = (run: Run, mode: Mode) => Promise<unknown>;

const FLOWS: Record<string, Flow> = {
  async federate({ h, plugin }) {
    const result = remember(await plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    return {
      identityId: result.identityId,
      credentials: describeCredentials(result.credentials, h.clock.now()),
    };
  },
  async 'refresh after expiry'({ h, plugin }) {
    const first = remember(await plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    h.clock.advance(3600_000);
    const session = await plugin.fetchAuthSession();
    const credentials = (session.awsCredentialsResult as { value?: typeof first.credentials }).value;
    rememberSecrets(credentials?.secretAccessKey, credentials?.sessionToken);
    return {
      identityId: session.identityIdResult,
      renewed: credentials !== undefined && credentials.accessKeyId !== first.credentials.accessKeyId,
      credentials: credentials && describeCredentials(credentials, h.clock.now()),
    };
  },
  async 'developer identity'({ h, plugin }) {
    const backend = new BackendClient({
      region: 'us-east-1',
      endpoint: h.emulator.endpoint,
      credentials: { ...h.emulator.controlPlaneCredentials },
    });
    const out = await backend.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({
        IdentityPoolId: h.poolId,
        Logins: { [DEVELOPER_PROVIDER]: 'user-42' },
      }),
    );
    backend.destroy();
    rememberSecrets(out.Token);
    const result = remember(
      await plugin.federateToIdentityPool(out.Token!, AuthProvider.developer(), {
        developerProvidedIdentityId: out.IdentityId!,
      }),
    );
    return { same: result.identityId === out.IdentityId, identityId: result.identityId };
  },
  async 'NotAuthorized (expired token)'({ h, plugin }) {
    const expired = await h.token('graph.facebook.com', 'late', -60);
    return plugin.federateToIdentityPool(expired, AuthProvider.facebook()).catch(describeError);
  },
  async 'ResourceNotFound (unknown pool)'(run, mode) {
    const config: AmplifyConfiguration = {
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: {
                  PoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
                  Region: 'us-east-1',
                  Endpoint: run.h.emulator.endpoint,
                },
              },
            },
          },
        },
      },
    };
    run.plugin = await run.h.restart(undefined, config);
    await prepare(run, mode);
    return run.plugin
      .federateToIdentityPool(await run.h.token(), AuthProvider.facebook())
      .catch(describeError);
  },
  async 'throttling, one burst then success'({ h, plugin }) {
    h.emulator.injectFault({ operation: 'GetId', error: 'TooManyRequestsException', times: 1 });
    const result = remember(await plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    return { identityId: result.identityId };
  },
  async 'throttling beyond the retries'({ h, plugin }) {
    h.emulator.injectFault({ operation: 'GetId', error: 'TooManyRequestsException', times: 10 });
    return plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()).catch(describeError);
  },
  async 'HTTP 500 on every attempt'({ h, plugin }) {
    h.emulator.injectFault({
      operation: 'GetCredentialsForIdentity',
      error: 'InternalErrorException',
      times: 10,
    });
    return plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()).catch(describeError);
  },
  async 'connection resets on every attempt'({ h, plugin }) {
    h.emulator.injectFault({ operation: 'GetId', error: 'ECONNRESET', times: 10 });
    return plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()).catch(describeError);
  },
  async 'attempt timeouts on every attempt'(run, mode) {
    run.plugin = await run.h.restart({ requestTimeoutMs: 200 });
    await prepare(run, mode);
    run.h.emulator.injectFault({ operation: 'GetId', latencyMs: 1000, times: 3 });
    return run.plugin
      .federateToIdentityPool(await run.h.token(), AuthProvider.facebook())
      .catch(describeError);
  },
};

/** Runs one flow on a fresh emulator through the client of `mode`. */
async function runFlow(name: string, mode: Mode): Promise<Outcome & { sdkSends: number; loaded: boolean }> {
  const h = await startHarness();
  try {
    const run: Run = { h, plugin: h.plugin, sdkSends: 0 };
    await prepare(run, mode);
    const raw = await FLOWS[name]!(run, mode);
    const ids = new Map<string, string>();
    const anonymise = (text: string) =>
      text.replace(/us-east-1:[0-9a-f-]{36}/g, (id) => {
        if (!ids.has(id)) ids.set(id, `id#${ids.size + 1}`);
        return ids.get(id)!;
      });
    const result = JSON.parse(anonymise(JSON.stringify(raw ?? null))) as unknown;
    const requests = h.emulator.requests().map((r) => ({
      operation: r.operation,
      ...(r.status === undefined ? {} : { status: r.status }),
      ...(r.roleArn === undefined ? {} : { roleArn: r.roleArn }),
    }));
    let loaded = true;
    try {
      run.plugin.getEscapeHatch();
    } catch (error) {
      if (!(error instanceof InvalidStateException)) throw error;
      loaded = false;
    }
    return { result, requests, sdkSends: run.sdkSends, loaded };
  } finally {
    await h.stop();
  }
}

describe('the small Cognito Identity client and the AWS SDK client agree', () => {
  it.each(Object.keys(FLOWS))(
    '%s',
    async (name) => {
      const small = await runFlow(name, 'small client');
      const sdk = await runFlow(name, 'SDK client');
      expect(small.result).toEqual(sdk.result);
      expect(small.requests).toEqual(sdk.requests);
      expect(small.requests.length).toBeGreaterThan(0);
      // The small client never loads the SDK; with the escape hatch loaded, the SDK client sent every request.
      expect(small.loaded).toBe(false);
      expect(small.sdkSends).toBe(0);
      expect(sdk.loaded).toBe(true);
      const sentByPlugin = sdk.requests.filter((r) => r.operation !== 'GetOpenIdTokenForDeveloperIdentity');
      expect(sdk.sdkSends).toBe(sentByPlugin.length);
    },
    30_000,
  );
});
