import {
  CognitoIdentityClient,
  GetOpenIdTokenForDeveloperIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { Amplify, InvalidStateException, NotAuthorizedException } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin, FederateToIdentityPoolOptions } from '../src';
import { DEVELOPER_PROVIDER, remember, startHarness, type Harness } from './support/harness';
import { rememberSecrets } from './support/secrets';

const IDENTITY_ID = /^us-east-1:[0-9a-f-]{36}$/;

describe('AWSCognitoAuthPlugin.federateToIdentityPool (against the emulator, real AWS SDK client)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('is reachable through Amplify.Auth.getPlugin with a working instanceof', () => {
    const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
    expect(plugin).toBe(h.plugin);
    expect(plugin instanceof AWSCognitoAuthPlugin).toBe(true);
  });

  it.each([
    ['facebook', AuthProvider.facebook()],
    ['google', AuthProvider.google()],
    ['amazon', AuthProvider.amazon()],
    ['apple', AuthProvider.apple()],
    ['twitter', AuthProvider.twitter()],
    ['oidc', AuthProvider.oidc('login.example.com')],
    ['saml', AuthProvider.saml('arn:aws:iam::123456789012:saml-provider/Corp')],
    ['custom', AuthProvider.custom('my.custom.provider')],
  ])(
    'federates a %s token into an identity id and credentials with GetId + GetCredentialsForIdentity',
    async (_, provider) => {
      const token = await h.token(provider.providerName, 'user-1');
      const result = remember(await h.plugin.federateToIdentityPool(token, provider));
      expect(result.identityId).toMatch(IDENTITY_ID);
      expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
      expect(result.credentials.secretAccessKey.length).toBeGreaterThanOrEqual(40);
      expect(result.credentials.sessionToken.length).toBeGreaterThan(20);
      expect(result.credentials.expiration).toBeInstanceOf(Date);
      expect(result.credentials.expiration.getTime()).toBeGreaterThan(Date.now());
      expect([h.calls('GetId'), h.calls('GetCredentialsForIdentity')]).toEqual([1, 1]);
      expect(h.events).toEqual([
        {
          name: 'FEDERATED_TO_IDENTITY_POOL',
          data: { identityId: result.identityId, providerName: provider.providerName },
        },
      ]);
    },
  );

  it('federates a developer-authenticated identity with the OpenID token from a backend, in one request', async () => {
    // The app's backend (signed with AWS credentials) asks for an OpenID token for its user.
    const backend = new CognitoIdentityClient({
      region: 'us-east-1',
      endpoint: h.emulator.endpoint,
      // The emulator verifies signatures: sign with the key its control plane accepts.
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
    const before = h.emulator.requests().length;
    const options = FederateToIdentityPoolOptions.builder()
      .developerProvidedIdentityId(out.IdentityId!)
      .build();
    const result = remember(
      await h.plugin.federateToIdentityPool(out.Token!, AuthProvider.developer(), options),
    );
    expect(result.identityId).toBe(out.IdentityId);
    expect([h.calls('GetId', before), h.calls('GetCredentialsForIdentity', before)]).toEqual([0, 1]);
  });

  it('with developerProvidedIdentityId sends exactly one GetCredentialsForIdentity and no GetId', async () => {
    const token = await h.token('graph.facebook.com', 'bob');
    const first = remember(await h.plugin.federateToIdentityPool(token, AuthProvider.facebook()));
    const before = h.emulator.requests().length;
    const again = remember(
      await h.plugin.federateToIdentityPool(token, AuthProvider.facebook(), {
        developerProvidedIdentityId: first.identityId,
      }),
    );
    expect(again.identityId).toBe(first.identityId);
    expect(
      h.emulator
        .requests()
        .slice(before)
        .map((r) => r.operation),
    ).toEqual(['GetCredentialsForIdentity']);
  });

  it('maps the same provider subject to the same identity id on re-federation, replacing the session', async () => {
    const first = remember(
      await h.plugin.federateToIdentityPool(
        await h.token('accounts.google.com', 'carol'),
        AuthProvider.google(),
      ),
    );
    const second = remember(
      await h.plugin.federateToIdentityPool(
        await h.token('accounts.google.com', 'carol'),
        AuthProvider.google(),
      ),
    );
    expect(second.identityId).toBe(first.identityId);
    expect(second.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    const session = await h.plugin.fetchAuthSession();
    expect(session.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: second.credentials });
    expect(h.events.filter((e) => e.name === 'FEDERATED_TO_IDENTITY_POOL')).toHaveLength(2);
  });

  it('keeps the previous session, and publishes nothing, when re-federation is refused', async () => {
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    // Change one signature character well inside the signature (the last one may only hold padding bits).
    const genuine = await h.token('graph.facebook.com', 'mallory');
    const at = genuine.lastIndexOf('.') + 10;
    const forged = genuine.slice(0, at) + (genuine[at] === 'A' ? 'B' : 'A') + genuine.slice(at + 1);
    rememberSecrets(forged);
    await expect(h.plugin.federateToIdentityPool(forged, AuthProvider.facebook())).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
    const session = await h.plugin.fetchAuthSession();
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
    expect(session.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: first.credentials });
    expect(h.events.map((e) => e.name)).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
  });

  it('keeps the service error name, HTTP status and request id of a refusal', async () => {
    const expired = await h.token('graph.facebook.com', 'dave', -10);
    const error = await h.plugin
      .federateToIdentityPool(expired, AuthProvider.facebook())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAuthorizedException);
    expect(error).toMatchObject({
      name: 'NotAuthorizedException',
      metadata: { serviceErrorName: 'NotAuthorizedException', httpStatusCode: 400 },
    });
    expect((error as NotAuthorizedException).metadata?.requestId).toEqual(expect.any(String));
    expect((error as NotAuthorizedException).recoverySuggestion).toMatch(/token/);
  });

  it('publishes FEDERATED_TO_IDENTITY_POOL only after the session is readable', async () => {
    const token = await h.token();
    const seen: unknown[] = [];
    const { Hub, HubChannel } = await import('@plugboard/core');
    const sub = Hub.subscribe(HubChannel.AUTH, async (event) => {
      if (event.name === 'FEDERATED_TO_IDENTITY_POOL')
        seen.push((await h.plugin.fetchAuthSession()).identityIdResult);
    });
    const result = remember(await h.plugin.federateToIdentityPool(token, AuthProvider.facebook()));
    await new Promise((resolve) => setImmediate(resolve));
    sub.unsubscribe();
    expect(seen).toEqual([{ type: 'SUCCESS', value: result.identityId }]);
  });

  it('refuses to federate when no identity pool is configured', async () => {
    await Amplify.reset();
    const plugin = new AWSCognitoAuthPlugin();
    Amplify.addPlugin(plugin);
    Amplify.configure({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CognitoUserPool: {
              Default: { PoolId: 'us-east-1_abc', AppClientId: 'client', Region: 'us-east-1' },
            },
          },
        },
      },
    });
    const before = h.emulator.requests().length;
    await expect(
      plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()),
    ).rejects.toBeInstanceOf(InvalidStateException);
    expect(h.emulator.requests().length).toBe(before);
  });
});
