import { NetworkException, type KeyValueStorage, type PluginContext } from '@plugboard/core';
import {
  callDeadlineMs,
  DEFAULT_REQUEST_TIMEOUT_MS,
  withDeadline,
  withDeadlines,
} from '../cognito/deadline.js';
import type { IdentityPoolService } from '../cognito/IdentityPoolService.js';
import { CognitoIdentityService } from '../cognito/CognitoIdentityService.js';
import { SdkUserPoolService } from '../cognito/UserPoolService.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { issuedAt, noteIssued } from '../session/credentials.js';
import { SessionFetcher } from '../operations/SessionFetcher.js';
import { SessionStore } from '../session/SessionStore.js';
import { AuthMachine } from '../state/AuthMachine.js';
import { HostedUiRuntime } from '../hostedUi/HostedUiRuntime.js';
import { forgetHostedUiAnswerInPage, hostedUiAnswerInPage } from '../hostedUi/RedirectWebUIBrowser.js';
import type { AWSCognitoAuthPluginOptions } from './options.js';
import type { PluginSetup } from './pluginConfig.js';

export const DEFAULT_REFRESHER_TIMEOUT_MS = 30_000;
export const DEFAULT_MARGIN_SECONDS = 120;

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
}

/** Builds the runtime of a configuration `readConfig` accepted (so nothing here refuses it). */
export function createRuntime(
  options: AWSCognitoAuthPluginOptions & { readonly storage: KeyValueStorage },
  { config, oauth }: PluginSetup,
  context: PluginContext,
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
  );
  const machine = new AuthMachine(store, context.hub, logger);
  const sdkIdentityPool =
    identity && !options.identityPoolService
      ? new CognitoIdentityService(identity, requestTimeoutMs)
      : undefined;
  const sdkUserPool =
    userPool && !options.userPoolService ? new SdkUserPoolService(userPool, requestTimeoutMs) : undefined;
  const identityService = options.identityPoolService ?? sdkIdentityPool;
  const userPoolService = options.userPoolService ?? sdkUserPool;
  const refresher = options.federatedTokenRefresher;
  const refresherMs = options.federatedTokenRefresherTimeoutMs ?? DEFAULT_REFRESHER_TIMEOUT_MS;
  const base: Omit<PluginRuntime, 'machine'> = {
    identityPool:
      identity && identityService
        ? {
            poolId: identity.PoolId,
            service: tracked(withDeadlines(identityService, deadline, 'Amazon Cognito Identity'), now),
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
      issuedAt,
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
  };
  machine.start(() => store.load());
  const hostedUi = oauth && new HostedUiRuntime(oauth, storage, requestTimeoutMs);
  if (hostedUi) completeHostedUiAnswerInPage(machine, base, hostedUi);
  return {
    machine,
    base,
    fetcher: new SessionFetcher(machine, base),
    sdkIdentityPool,
    sdkUserPool,
    hostedUi,
  };
}

/**
 * In a page loaded with the hosted UI's answer (`?code=&state=`), completes that sign-in: queued now, behind
 * the restore, so whatever the page calls after configure sees its outcome. The answer leaves the address
 * bar first, so a reload cannot replay it.
 */
function completeHostedUiAnswerInPage(
  machine: AuthMachine,
  base: Omit<PluginRuntime, 'machine'>,
  hostedUi: HostedUiRuntime,
): void {
  const answer = hostedUiAnswerInPage();
  if (!answer) return;
  forgetHostedUiAnswerInPage();
  machine
    .run(async (view) => {
      const { completeSignInWithWebUI } = await import('../operations/signInWithWebUI.js');
      return completeSignInWithWebUI({ ...base, machine: view }, hostedUi, answer);
    })
    .catch((error: unknown) =>
      base.logger.warn('The hosted-UI sign-in this page was loaded with did not complete.', error),
    );
}

/** Records when each set of credentials was issued, for the margin cap of the freshness policy. */
function tracked(service: IdentityPoolService, now: () => number): IdentityPoolService {
  const getCredentials: IdentityPoolService['getCredentialsForIdentity'] = async (identityId, logins) =>
    noteIssued(await service.getCredentialsForIdentity(identityId, logins), now());
  return new Proxy(service, {
    get: (target, key) =>
      key === 'getCredentialsForIdentity' ? getCredentials : (Reflect.get(target, key, target) as unknown),
  });
}
