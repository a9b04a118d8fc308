import {
  NetworkException,
  type AuthSignOutResult,
  type CognitoUserPoolConfig,
  type KeyValueStorage,
  type Logger,
  type PluginContext,
} from '@plugboard/core';
import {
  callDeadlineMs,
  DEFAULT_REQUEST_TIMEOUT_MS,
  withDeadline,
  withDeadlines,
} from '../clients/deadline.js';
import type { IdentityPoolClient, IdentityPoolService } from '../clients/identityPool/IdentityPoolService.js';
import {
  CognitoIdentityService,
  type LoadSdkIdentityPoolService,
} from '../clients/identityPool/CognitoIdentityService.js';
import type { SdkUserPoolService } from '../clients/userPool/UserPoolService.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { SessionFetcher } from '../operations/session/SessionFetcher.js';
import { SessionStore } from '../session/SessionStore.js';
import type { DeviceStore } from '../session/DeviceStore.js';
import { AuthMachine } from '../session/AuthMachine.js';
import type { HostedUiRuntime } from '../hostedUi/HostedUiRuntime.js';
import type { HostedUiConfig } from '../hostedUi/hostedUiConfig.js';
import type { WebUIBrowser } from '../hostedUi/WebUIBrowser.js';
import type { InternalPluginOptions } from './internalOptions.js';
import type { PluginSetup } from './pluginConfig.js';

export const DEFAULT_REFRESHER_TIMEOUT_MS = 30_000;
export const DEFAULT_MARGIN_SECONDS = 120;

/** A prepared operation: `local` ones (no network) never wait behind network work. */
export interface Prepared<T> {
  readonly local: boolean;
  readonly run: (runtime: PluginRuntime) => Promise<T>;
  /** Work after the queued operation, outside the queue (e.g. ending the hosted-UI session). */
  after?(result: T, configured: ConfiguredPlugin): Promise<T>;
}

/** Queues an operation behind every operation called before it (`perform.ts`). */
export type Perform = <T>(configured: ConfiguredPlugin, method: string, operation: Prepared<T>) => Promise<T>;

/** The user-pool and hosted-UI side (`userPool.ts`), loaded apart from the runtime. */
export interface UserPoolApi {
  sdkUserPoolService(config: CognitoUserPoolConfig, requestTimeoutMs: number): SdkUserPoolService;
  hostedUiRuntime(
    config: HostedUiConfig,
    storage: KeyValueStorage,
    requestTimeoutMs: number,
  ): HostedUiRuntime;
  completeHostedUiAnswerInPage(
    machine: AuthMachine,
    base: Omit<PluginRuntime, 'machine'>,
    hostedUi: HostedUiRuntime,
  ): void;
  endHostedUiSession(
    configured: ConfiguredPlugin,
    result: AuthSignOutResult,
    browser: WebUIBrowser | undefined,
  ): Promise<AuthSignOutResult>;
  /** The users' remembered devices of a user pool (device tracking is user-pool code). */
  deviceStore(storage: KeyValueStorage, userPoolId: string, logger: Logger): DeviceStore;
}

/** What `configure` builds: the machine, what operations need, the fetcher, and the services behind the escape hatch. */
export interface ConfiguredPlugin {
  readonly machine: AuthMachine;
  /** The runtime without the machine view: each operation gets its own view (see `AuthMachine.run`). */
  readonly base: Omit<PluginRuntime, 'machine'>;
  readonly fetcher: SessionFetcher;
  /** The default identity-pool service; its SDK client is the escape hatch's, loaded only on request. */
  readonly sdkIdentityPool: CognitoIdentityService | undefined;
  readonly sdkUserPool: SdkUserPoolService | undefined;
  /** The hosted UI (OAuth), when the configuration has one. */
  readonly hostedUi: HostedUiRuntime | undefined;
  /** The user-pool and hosted-UI code, loaded with the runtime when the configuration has a user pool. */
  readonly userPoolApi: UserPoolApi | undefined;
}

/**
 * Builds the runtime of a configuration `readConfig` accepted (so nothing here refuses it). `userPoolApi`
 * is the user-pool code, loaded before when the configuration has a user pool (see `RuntimeSlot`);
 * `loadSdkIdentityPool` loads the escape hatch's identity-pool code. The restore of the stored session
 * (the machine's first operation) runs after `before()` settles: the previous configuration's
 * operations (`RuntimeSlot`); without `before`, a storage that reads at once is restored from here.
 */
export function createRuntime(
  options: InternalPluginOptions & { readonly storage: KeyValueStorage },
  { config, oauth }: PluginSetup,
  context: PluginContext,
  userPoolApi: UserPoolApi | undefined,
  loadSdkIdentityPool: LoadSdkIdentityPoolService,
  before?: () => Promise<void>,
): ConfiguredPlugin {
  const identity = config.CredentialsProvider?.CognitoIdentity?.Default;
  const userPool = config.CognitoUserPool?.Default;
  const logger = context.logger;
  const now = options.clock ?? Date.now;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const deadline = callDeadlineMs(requestTimeoutMs);
  const storage = options.storage;
  const store = new SessionStore(
    storage,
    { identityPoolId: identity?.PoolId, userPoolId: userPool?.PoolId },
    logger,
    requestTimeoutMs,
  );
  const machine = new AuthMachine(store, context.hub, logger);
  const sdkIdentityPool =
    identity && !options.identityPoolService
      ? new CognitoIdentityService(
          identity,
          loadSdkIdentityPool,
          requestTimeoutMs,
          options.sleep ? { sleep: options.sleep } : {},
        )
      : undefined;
  const sdkUserPool =
    userPool && !options.userPoolService
      ? userPoolApi?.sdkUserPoolService(userPool, requestTimeoutMs)
      : undefined;
  const identityService = options.identityPoolService ?? sdkIdentityPool;
  const userPoolService = options.userPoolService ?? sdkUserPool;
  const refresher = options.federatedTokenRefresher;
  const refresherMs = options.federatedTokenRefresherTimeoutMs ?? DEFAULT_REFRESHER_TIMEOUT_MS;
  const base: Omit<PluginRuntime, 'machine'> = {
    identityPool:
      identity && identityService
        ? {
            poolId: identity.PoolId,
            service: issuing(withDeadlines(identityService, deadline, 'Amazon Cognito Identity'), now),
            // BEHAVIOUR 2: guest credentials only when the pool allows them (a signed-out fetch otherwise
            // answers InvalidIdentityPoolConfigurationException without a request).
            allowGuests: identity.AllowUnauthenticatedIdentities !== false,
          }
        : undefined,
    userPool:
      userPool && userPoolService
        ? {
            providerName: `cognito-idp.${userPool.Region}.amazonaws.com/${userPool.PoolId}`,
            service: withDeadlines(userPoolService, deadline, 'The Amazon Cognito user pool'),
          }
        : undefined,
    now,
    margin: {
      ms: (options.credentialsRefreshMarginSeconds ?? DEFAULT_MARGIN_SECONDS) * 1000,
      hasIdentityPool: identity !== undefined && identityService !== undefined,
    },
    requestTimeoutMs,
    federatedTokenRefresher: refresher
      ? (providerName) =>
          withDeadline(
            Promise.resolve().then(() => refresher(providerName)),
            refresherMs,
            () =>
              new NetworkException(
                `federatedTokenRefresher did not settle within ${refresherMs} ms.`,
                'Make the refresher resolve or reject promptly, or raise federatedTokenRefresherTimeoutMs.',
              ),
          )
      : undefined,
    logger,
    ...(userPool && userPoolApi
      ? { devices: userPoolApi.deviceStore(storage, userPool.PoolId, logger) }
      : {}),
  };
  // Subscribed before the restore reads: a change another context makes meanwhile is not missed.
  machine.follow();
  // Without a previous configuration to wait for, a storage that reads at once restores now.
  const restored = before ? undefined : store.loadNow();
  if (restored !== undefined) machine.restoreNow(restored);
  else
    machine.start(async () => {
      await before?.();
      return store.load();
    });
  const hostedUi = oauth && userPoolApi?.hostedUiRuntime(oauth, storage, requestTimeoutMs);
  if (hostedUi) userPoolApi!.completeHostedUiAnswerInPage(machine, base, hostedUi);
  return {
    machine,
    base,
    fetcher: new SessionFetcher(machine, base, store),
    sdkIdentityPool,
    sdkUserPool,
    hostedUi,
    userPoolApi,
  };
}

/** The service as operations call it: each answer of GetCredentialsForIdentity says when it arrived. */
function issuing(service: IdentityPoolService, now: () => number): IdentityPoolClient {
  return {
    // The operation's AbortSignal reaches the service: an abandoned call ends its request and back-off.
    getId: (identityPoolId, logins, signal) => service.getId(identityPoolId, logins, signal),
    getCredentialsForIdentity: async (identityId, logins, signal) => ({
      ...(await service.getCredentialsForIdentity(identityId, logins, signal)),
      issuedAt: now(),
    }),
  };
}
