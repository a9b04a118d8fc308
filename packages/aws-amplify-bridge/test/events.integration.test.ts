import { inspect } from 'node:util';
import {
  AmplifyClass,
  Hub as PlugboardHub,
  HubChannel,
  InvalidParameterException,
  SessionExpiredException,
  type AuthHubEvent,
  type HubPublisher,
} from '@plugboard/core';
import { AuthProvider } from '@plugboard/auth-cognito-plugin';
import { AuthError, fetchAuthSession, signOut as awsAmplifySignOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { forwardAuthEvents, signOut } from '../src';
import { capturePrinted, recordAwsAmplifyAuthEvents } from './support/awsHubEvents';
import { startBridgeHarness, type BridgeHarness } from './support/harness';

let h: BridgeHarness;
let stopForwarding: (() => void) | undefined;
let recorder: ReturnType<typeof recordAwsAmplifyAuthEvents>;
let printed: ReturnType<typeof capturePrinted>;

beforeEach(() => {
  recorder = recordAwsAmplifyAuthEvents();
  printed = capturePrinted();
});

// Every flow below (federation, refresh failure, clearing, both sign-outs, user-pool events) is
// forwarded without aws-amplify printing its warning about the protected auth channel.
afterEach(async () => {
  stopForwarding?.();
  stopForwarding = undefined;
  recorder.stop();
  const lines = printed.stop();
  await h?.stop();
  expect(lines.filter((line) => /protected/.test(line))).toEqual([]);
});

describe('forwardAuthEvents', () => {
  it("forwards federation and its clearing to aws-amplify's Hub under new event names", async () => {
    h = await startBridgeHarness();
    stopForwarding = forwardAuthEvents(Hub);

    const { identityId } = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    await h.plugin.clearFederationToIdentityPool();

    expect(recorder.events).toEqual([
      { event: 'federatedToIdentityPool', data: { identityId, providerName: 'graph.facebook.com' } },
      { event: 'federationToIdentityPoolCleared' },
    ]);
  });

  it('forwards a whole flow (seven events) the way aws-amplify dispatches, so nothing is printed', async () => {
    h = await startBridgeHarness();
    stopForwarding = forwardAuthEvents(Hub);

    const secrets: string[] = [];
    const federate = async () => {
      const token = await h.token();
      const { credentials } = await h.plugin.federateToIdentityPool(token, AuthProvider.facebook());
      secrets.push(token, credentials.secretAccessKey, credentials.sessionToken!);
    };
    await federate();
    await fetchAuthSession();
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', error: 'NotAuthorizedException' });
    await fetchAuthSession({ forceRefresh: true }).catch(() => undefined);
    await federate();
    await h.plugin.clearFederationToIdentityPool();
    await federate();
    await signOut();

    expect(recorder.events.map((e) => e.event)).toEqual([
      'federatedToIdentityPool',
      'tokenRefresh_failure',
      'federatedToIdentityPool',
      'federationToIdentityPoolCleared',
      'federatedToIdentityPool',
      'federationToIdentityPoolCleared',
      'signedOut',
    ]);
    const lines = printed.stop();
    expect(lines.filter((line) => /WARN|protected/.test(line))).toEqual([]);
    // What the events carried (and anything printed) holds none of the flow's secrets.
    const shown = [JSON.stringify(recorder.events), inspect(recorder.events, { depth: 8 }), ...lines].join(
      '\n',
    );
    expect(secrets.filter((secret) => shown.includes(secret))).toEqual([]);
  });

  it("refuses aws-amplify's Hub from another copy of @aws-amplify/core, which would warn on every event", () => {
    let foreignHub: unknown;
    jest.isolateModules(() => {
      foreignHub = (require('@aws-amplify/core') as { Hub: unknown }).Hub;
    });
    expect(foreignHub).not.toBe(Hub);

    const error = (() => {
      try {
        stopForwarding = forwardAuthEvents(foreignHub as typeof Hub);
      } catch (e) {
        return e as InvalidParameterException;
      }
    })();

    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error?.message).toMatch(/another copy of @aws-amplify\/core/);
    expect(error?.recoverySuggestion).toMatch(/npm ls @aws-amplify\/core/);
  });

  it('still accepts a stand-in that only has dispatch, and dispatches the way aws-amplify does', () => {
    const calls: unknown[][] = [];
    stopForwarding = forwardAuthEvents({ dispatch: (...args: unknown[]) => void calls.push(args) });
    const amplify = new AmplifyClass();
    let publisher: HubPublisher | undefined;
    amplify.addPlugin({
      getPluginKey: () => 'standIn',
      getCategoryType: () => 'auth',
      configure: (_section, context) => void (publisher = context.hub),
    });
    amplify.configure({});
    publisher!.publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });

    expect(calls).toEqual([['auth', { event: 'signedOut' }, 'Auth', expect.any(Symbol)]]);
  });

  it('forwards SESSION_EXPIRED as tokenRefresh_failure with an AuthError', async () => {
    h = await startBridgeHarness();
    stopForwarding = forwardAuthEvents(Hub);
    await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', error: 'NotAuthorizedException' });

    await h.plugin.fetchAuthSession({ forceRefresh: true });

    const failure = recorder.events.find((e) => e.event === 'tokenRefresh_failure');
    const error = (failure?.data as { error: AuthError }).error;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.name).toBe('SessionExpiredException');
    expect(error.message).toMatch(/graph\.facebook\.com/);
    expect(error.underlyingError).toBeInstanceOf(SessionExpiredException);
  });

  it('forwards SIGNED_IN as signedIn with an AuthUser, and SIGNED_OUT and USER_DELETED as signedOut', () => {
    stopForwarding = forwardAuthEvents(Hub);
    // Only a registered auth plugin can publish these on Plugboard's protected channel; one that only
    // keeps its publisher stands in for the Cognito plugin here (the user-pool test signs in for real).
    let publisher: HubPublisher | undefined;
    const amplify = new AmplifyClass();
    amplify.addPlugin({
      getPluginKey: () => 'standIn',
      getCategoryType: () => 'auth',
      configure: (_section, context) => void (publisher = context.hub),
    });
    amplify.configure({});
    const publish = (event: AuthHubEvent): void => publisher!.publish(HubChannel.AUTH, event);
    publish({ name: 'SIGNED_IN', data: { username: 'alice', userId: 'sub-1' } });
    publish({ name: 'SIGNED_OUT' });
    publish({ name: 'USER_DELETED' });

    expect(recorder.events).toEqual([
      { event: 'signedIn', data: { username: 'alice', userId: 'sub-1' } },
      { event: 'signedOut' },
      { event: 'signedOut' },
    ]);
  });

  it('stops forwarding when the returned function is called', async () => {
    h = await startBridgeHarness();
    forwardAuthEvents(Hub)();

    await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());

    expect(recorder.events).toEqual([]);
  });

  it('refuses something that is not a Hub with InvalidParameterException', () => {
    expect(() => forwardAuthEvents({} as never)).toThrow(InvalidParameterException);
    const error = (() => {
      try {
        forwardAuthEvents(undefined as never);
      } catch (e) {
        return e as InvalidParameterException;
      }
    })();
    expect(error?.recoverySuggestion).toMatch(/aws-amplify\/utils/);
  });
});

describe('signing out', () => {
  it("shows the mismatch: aws-amplify's own signOut throws with an identity-pool-only configuration, before clearing", async () => {
    h = await startBridgeHarness();
    await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());

    const error = (await awsAmplifySignOut().catch((e: unknown) => e)) as AuthError;

    expect(error.name).toBe('AuthUserPoolException');
    expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(true);
  });

  it("the bridge's signOut clears Plugboard's federation with an identity-pool-only configuration", async () => {
    h = await startBridgeHarness();
    stopForwarding = forwardAuthEvents(Hub);
    await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());

    await signOut();

    expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(false);
    expect(recorder.events.map((e) => e.event)).toEqual([
      'federatedToIdentityPool',
      'federationToIdentityPoolCleared',
      'signedOut',
    ]);
  });

  it("aws-amplify's own signOut clears Plugboard's federation when a user pool is configured", async () => {
    h = await startBridgeHarness({
      auth: { user_pool_id: 'us-east-1_Bridge1', user_pool_client_id: 'bridgeclient' },
    });
    stopForwarding = forwardAuthEvents(Hub);
    const plugboardEvents: string[] = [];
    const subscription = PlugboardHub.subscribe(HubChannel.AUTH, (e) => void plugboardEvents.push(e.name));
    await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());

    await awsAmplifySignOut();
    subscription.unsubscribe();

    expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(false);
    expect(plugboardEvents).toEqual(['FEDERATED_TO_IDENTITY_POOL', 'FEDERATION_TO_IDENTITY_POOL_CLEARED']);
    expect(recorder.events.map((e) => e.event)).toEqual([
      'federatedToIdentityPool',
      'federationToIdentityPoolCleared',
      'signedOut',
    ]);
  });
});

describe('secrets', () => {
  it("never puts a provider token, secret key or session token in aws-amplify's Hub events or errors", async () => {
    h = await startBridgeHarness();
    stopForwarding = forwardAuthEvents(Hub);
    const token = await h.token();
    const { credentials } = await h.plugin.federateToIdentityPool(token, AuthProvider.facebook());
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', error: 'NotAuthorizedException' });
    const error = (await fetchAuthSession({ forceRefresh: true }).catch((e: unknown) => e)) as AuthError;
    await signOut();

    const written = JSON.stringify(recorder.events, (_key, value: unknown) =>
      value instanceof Error ? { ...value, name: value.name, message: value.message } : value,
    );
    const shown = [written, error.message, error.recoverySuggestion, inspect(error)].join('\n');
    expect(recorder.events.map((e) => e.event)).toContain('tokenRefresh_failure');
    for (const secret of [token, credentials.secretAccessKey, credentials.sessionToken])
      expect(shown).not.toContain(secret);
  });
});
