import {
  Amplify as Plugboard,
  Hub as PlugboardHub,
  HubChannel,
  InvalidParameterException,
  NetworkException,
  PluginNotFoundException,
  SessionExpiredException,
  type AuthHubEvent,
} from '@plugboard/core';
import { AuthProvider } from '@plugboard/auth-cognito-plugin';
import { Amplify } from 'aws-amplify';
import { AuthError, fetchAuthSession } from 'aws-amplify/auth';
import { plugboardAuthProviders } from '../src';
import { startBridgeHarness, type BridgeHarness } from './support/harness';

let h: BridgeHarness;

afterEach(async () => {
  await h?.stop();
});

describe('plugboardAuthProviders', () => {
  describe("aws-amplify's fetchAuthSession", () => {
    it("answers Plugboard's identity id and credentials after federateToIdentityPool", async () => {
      h = await startBridgeHarness();
      const federated = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());

      const session = await fetchAuthSession();

      expect(session.identityId).toBe(federated.identityId);
      expect(session.credentials?.accessKeyId).toBe(federated.credentials.accessKeyId);
      expect(session.credentials?.secretAccessKey).toBe(federated.credentials.secretAccessKey);
      expect(session.credentials?.sessionToken).toBe(federated.credentials.sessionToken);
      expect(session.credentials?.expiration).toEqual(federated.credentials.expiration);
      expect(session.tokens).toBeUndefined(); // federated: no user-pool user
    });

    it('answers no credentials while signed out and the pool refuses guests, without a request', async () => {
      h = await startBridgeHarness();
      const before = h.emulator.requests().length;

      const session = await fetchAuthSession();

      expect(session).toEqual({
        tokens: undefined,
        credentials: undefined,
        identityId: undefined,
        userSub: undefined,
      });
      expect(h.emulator.requests().length - before).toBeLessThanOrEqual(1); // at most the guest GetId, once
      await fetchAuthSession();
      expect(h.emulator.requests().length - before).toBeLessThanOrEqual(1);
    });

    it("answers Plugboard's guest identity when the pool allows guests", async () => {
      h = await startBridgeHarness({ pool: { allowUnauthenticatedIdentities: true } });

      const session = await fetchAuthSession();
      const plugboard = await h.plugin.fetchAuthSession();

      expect(plugboard.identityIdResult.type).toBe('SUCCESS');
      expect(session.identityId).toBe(
        plugboard.identityIdResult.type === 'SUCCESS' ? plugboard.identityIdResult.value : 'missing',
      );
      expect(session.credentials?.accessKeyId).toMatch(/\S/);
    });

    it('asks Plugboard for new credentials on forceRefresh', async () => {
      h = await startBridgeHarness();
      const federated = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
      const count = (): number =>
        h.emulator.requests().filter((r) => r.operation === 'GetCredentialsForIdentity').length;
      const before = count();

      await fetchAuthSession();
      expect(count()).toBe(before); // cached by Plugboard
      const refreshed = await fetchAuthSession({ forceRefresh: true });

      expect(count()).toBe(before + 1);
      expect(refreshed.identityId).toBe(federated.identityId);
      expect(refreshed.credentials?.accessKeyId).not.toBe(federated.credentials.accessKeyId);
    });

    it('reports a forced refresh that cannot reach Cognito, and still answers the valid credentials without force', async () => {
      h = await startBridgeHarness();
      const federated = await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
      h.emulator.injectFault({
        operation: 'GetCredentialsForIdentity',
        error: 'ECONNRESET',
        times: Infinity,
      });

      // A forced refresh asks for new credentials: its failure is reported, not hidden (BEHAVIOUR 8).
      await expect(fetchAuthSession({ forceRefresh: true })).rejects.toMatchObject({
        name: 'NetworkException',
      });
      const session = await fetchAuthSession();

      expect(session.credentials?.accessKeyId).toBe(federated.credentials.accessKeyId);
    });

    it('sees a federation cleared on the Plugboard side', async () => {
      h = await startBridgeHarness();
      await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());

      await h.plugin.clearFederationToIdentityPool();

      expect((await fetchAuthSession()).credentials).toBeUndefined();
    });
  });

  describe('errors', () => {
    it('rejects with an AuthError whose cause is the SessionExpiredException when the provider token is rejected', async () => {
      h = await startBridgeHarness();
      await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
      h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', error: 'NotAuthorizedException' });

      const error = await fetchAuthSession({ forceRefresh: true }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AuthError);
      const authError = error as AuthError & { cause?: unknown };
      expect(authError.name).toBe('SessionExpiredException');
      expect(authError.underlyingError).toBeInstanceOf(SessionExpiredException);
      expect(authError.cause).toBe(authError.underlyingError);
      expect(authError.recoverySuggestion).toMatch(/federateToIdentityPool/);
    });

    it('rejects with an AuthError whose cause is the NetworkException when Cognito cannot be reached', async () => {
      h = await startBridgeHarness({ pool: { allowUnauthenticatedIdentities: true } });
      h.emulator.injectFault({ operation: 'GetId', error: 'ECONNRESET', times: Infinity });

      const error = (await fetchAuthSession().catch((e: unknown) => e)) as AuthError;

      expect(error).toBeInstanceOf(AuthError);
      expect(error.name).toBe('NetworkException');
      expect(error.underlyingError).toBeInstanceOf(NetworkException);
    });

    it('rejects with an AuthError when no Plugboard plugin is added', async () => {
      h = await startBridgeHarness();
      await Plugboard.reset();

      const error = (await fetchAuthSession().catch((e: unknown) => e)) as AuthError;

      expect(error).toBeInstanceOf(AuthError);
      expect(error.underlyingError).toBeInstanceOf(PluginNotFoundException);
      expect(error.recoverySuggestion).toMatch(/addPlugin/);
    });

    it('refuses bad options with InvalidParameterException before any call', () => {
      expect(() => plugboardAuthProviders({ plugin: {} as never })).toThrow(InvalidParameterException);
      expect(() => plugboardAuthProviders({ plugn: 1 } as never)).toThrow(InvalidParameterException);
      expect(() => plugboardAuthProviders(null as never)).toThrow(InvalidParameterException);
      expect(() => plugboardAuthProviders([] as never)).toThrow(
        /options must be \{ plugin\?: AWSCognitoAuthPlugin \}/,
      );
    });
  });

  describe('clearCredentialsAndIdentityId', () => {
    it('starts the clear at once: calls made before it settles wait for it', async () => {
      h = await startBridgeHarness({ configureAwsAmplify: false });
      const { credentialsProvider, tokenProvider } = plugboardAuthProviders({ plugin: h.plugin });
      await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
      const events: AuthHubEvent[] = [];
      const subscription = PlugboardHub.subscribe(HubChannel.AUTH, (e) => void events.push(e));

      credentialsProvider.clearCredentialsAndIdentityId(); // as aws-amplify declares it: not awaited
      const after = await credentialsProvider.getCredentialsAndIdentityId({
        authenticated: false,
        authConfig: undefined,
      });
      subscription.unsubscribe();

      expect(after).toBeUndefined();
      expect(await tokenProvider.getTokens()).toBeNull();
      expect(events.map((e) => e.name)).toEqual(['FEDERATION_TO_IDENTITY_POOL_CLEARED']);
      expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(false);
    });

    it("returns the clear's promise, which aws-amplify's clearCredentials awaits", async () => {
      h = await startBridgeHarness();
      await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());

      await Amplify.clearCredentials();

      expect((await h.plugin.fetchAuthSession()).isSignedIn).toBe(false);
    });

    it('does nothing when Plugboard is signed out already', async () => {
      h = await startBridgeHarness();
      await expect(Amplify.clearCredentials()).resolves.toBeUndefined();
    });

    it('rejects with an AuthError when the clear cannot run', async () => {
      h = await startBridgeHarness({ configureAwsAmplify: false });
      await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
      const { credentialsProvider } = plugboardAuthProviders();
      await Plugboard.reset(); // the default lookup now finds no plugin

      const error = await (
        credentialsProvider.clearCredentialsAndIdentityId() as unknown as Promise<void>
      ).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).underlyingError).toBeInstanceOf(PluginNotFoundException);
    });
  });
});
