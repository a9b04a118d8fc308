import {
  CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { claimsOf, startPasswordlessHarness, type PasswordlessHarness } from './passwordlessHarness';
import { SoftAuthenticator, type CreationOptions, type RequestOptions } from './softAuthenticator';

// Passkeys on the wire, before cognito-local: registration, WEB_AUTHN sign-in, list and delete, driven by
// a software authenticator written in the test (the front verifies with @simplewebauthn/server).
const PASSWORD = 'Passkey-Passw0rd-1';
const ORIGIN = 'https://auth.example.test:8443';

describe('the SRP front with passkeys before cognito-local', () => {
  let h: PasswordlessHarness;
  let serial = 0;

  const newUser = async () => {
    const email = `passkey${++serial}@example.com`;
    const username = await h.newUser(email, PASSWORD);
    return { email, username, token: await h.accessToken(email, PASSWORD) };
  };
  const startRegistration = async (token: string): Promise<CreationOptions> => {
    const started = await h.call('StartWebAuthnRegistration', { AccessToken: token });
    expect(started.status).toBe(200);
    return started.json.CredentialCreationOptions as CreationOptions;
  };
  const register = async (token: string, key = new SoftAuthenticator(), origin = ORIGIN) => {
    const options = await startRegistration(token);
    const Credential = key.create(options, { origin });
    const done = await h.call('CompleteWebAuthnRegistration', { AccessToken: token, Credential });
    return { key, done };
  };
  const passkeySignIn = async (email: string, key: SoftAuthenticator, origin = ORIGIN) => {
    const started = await h.call('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
    });
    if (started.json.ChallengeName !== 'WEB_AUTHN') return { started, answer: undefined };
    const params = started.json.ChallengeParameters as Record<string, string>;
    const options = JSON.parse(params.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptions;
    const answer = await h.call('RespondToAuthChallenge', {
      ClientId: h.pool.clientId,
      ChallengeName: 'WEB_AUTHN',
      Session: started.json.Session,
      ChallengeResponses: {
        USERNAME: params.USERNAME!,
        CREDENTIAL: JSON.stringify(key.get(options, { origin })),
      },
    });
    return { started, answer };
  };

  beforeAll(async () => {
    h = await startPasswordlessHarness({ relyingPartyId: 'auth.example.test', userVerification: 'required' });
  }, 30_000);
  afterAll(() => h?.stop());

  it('registers a passkey, lists it, signs in with it without a password, deletes it, and is refused after', async () => {
    const { email, username, token } = await newUser();
    const options = await startRegistration(token);
    expect(options).toMatchObject({
      rp: { id: 'auth.example.test' },
      user: { name: username },
      challenge: expect.any(String),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const { key, done } = await register(token);
    expect(done).toEqual({ status: 200, json: {} });
    expect(h.front.passkeys(h.pool.poolId, username)).toEqual([{ id: key.id, name: 'Passkey' }]);

    const listed = await h.call('ListWebAuthnCredentials', { AccessToken: token });
    expect(listed.json).toEqual({
      Credentials: [
        {
          CredentialId: key.id,
          FriendlyCredentialName: 'Passkey',
          RelyingPartyId: 'auth.example.test',
          AuthenticatorAttachment: 'platform',
          AuthenticatorTransports: ['internal'],
          CreatedAt: expect.any(Number),
        },
      ],
    });

    const { started, answer } = await passkeySignIn(email, key);
    const request = JSON.parse(
      (started.json.ChallengeParameters as Record<string, string>).CREDENTIAL_REQUEST_OPTIONS!,
    ) as Record<string, unknown>;
    expect(request).toMatchObject({
      rpId: 'auth.example.test',
      allowCredentials: [{ id: key.id, type: 'public-key', transports: ['internal'] }],
      userVerification: 'required',
    });
    expect(answer!.status).toBe(200);
    const result = answer!.json.AuthenticationResult as { AccessToken: string };
    expect(claimsOf(result.AccessToken)).toMatchObject({ username, token_use: 'access' });

    // Offered in the first-factor choice too.
    const select = await h.call('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: email },
    });
    expect(select.json.AvailableChallenges).toEqual(['WEB_AUTHN', 'EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP']);

    const deleted = await h.call('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: key.id });
    expect(deleted).toEqual({ status: 200, json: {} });
    const after = await passkeySignIn(email, key);
    expect(after.started.json).toMatchObject({ ChallengeName: 'SELECT_CHALLENGE' });
    expect(after.started.json.AvailableChallenges).not.toContain('WEB_AUTHN');
    await expect(
      h.call('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: key.id }),
    ).resolves.toMatchObject({
      status: 400,
      json: { __type: 'ResourceNotFoundException' },
    });
  });

  it('speaks the service model: the AWS SDK reads its documents, dates and AvailableChallenges', async () => {
    const { email, username, token } = await newUser();
    const sdk = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: h.front.endpoint,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) },
    });
    try {
      const { CredentialCreationOptions } = await sdk.send(
        new StartWebAuthnRegistrationCommand({ AccessToken: token }),
      );
      const key = new SoftAuthenticator();
      const Credential = key.create(CredentialCreationOptions as unknown as CreationOptions, {
        origin: ORIGIN,
      });
      await sdk.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: Credential as never }),
      );
      const { Credentials } = await sdk.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
      expect(Credentials![0]!.CreatedAt).toBeInstanceOf(Date);
      const select = await sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_AUTH',
          ClientId: h.pool.clientId,
          AuthParameters: { USERNAME: email },
        }),
      );
      expect(select.AvailableChallenges).toEqual(['WEB_AUTHN', 'EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP']);
      const challenge = await sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: h.pool.clientId,
          ChallengeName: 'SELECT_CHALLENGE',
          Session: select.Session,
          ChallengeResponses: { USERNAME: email, ANSWER: 'WEB_AUTHN' },
        }),
      );
      const options = JSON.parse(
        challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!,
      ) as RequestOptions;
      const done = await sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: h.pool.clientId,
          ChallengeName: 'WEB_AUTHN',
          Session: challenge.Session,
          ChallengeResponses: {
            USERNAME: email,
            CREDENTIAL: JSON.stringify(key.get(options, { origin: ORIGIN })),
          },
        }),
      );
      expect(claimsOf(done.AuthenticationResult!.AccessToken!).username).toBe(username);
    } finally {
      sdk.destroy();
    }
  });

  it('refuses a passkey of another user, another origin, another relying party, or a tampered signature', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const { key: aliceKey } = await register(alice.token);
    const { key: bobKey } = await register(bob.token);
    const notAuthorized = { status: 400, json: { __type: 'NotAuthorizedException' } };
    await expect(passkeySignIn(alice.email, bobKey).then((r) => r.answer)).resolves.toMatchObject(
      notAuthorized,
    );
    await expect(
      passkeySignIn(alice.email, aliceKey, 'https://evil.example').then((r) => r.answer),
    ).resolves.toMatchObject(notAuthorized);
    // Another relying party: the authenticator hashes another rp id.
    const started = await passkeySignIn(alice.email, aliceKey);
    expect(started.answer!.status).toBe(200);
    const other = await h.call('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: alice.email, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
    });
    const params = other.json.ChallengeParameters as Record<string, string>;
    const options = JSON.parse(params.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptions;
    const respond = (credential: Record<string, unknown>) =>
      h.call('RespondToAuthChallenge', {
        ClientId: h.pool.clientId,
        ChallengeName: 'WEB_AUTHN',
        Session: other.json.Session,
        ChallengeResponses: { USERNAME: params.USERNAME!, CREDENTIAL: JSON.stringify(credential) },
      });
    const foreignRp = aliceKey.get(options, { origin: ORIGIN, rpId: 'example.test' });
    await expect(respond(foreignRp)).resolves.toMatchObject(notAuthorized);
    const tampered = aliceKey.get(options, { origin: ORIGIN }) as { response: Record<string, string> };
    const signature = Buffer.from(tampered.response.signature!, 'base64url');
    signature[signature.length - 1]! ^= 1;
    tampered.response.signature = signature.toString('base64url');
    await expect(respond(tampered)).resolves.toMatchObject(notAuthorized);
    await expect(respond({ nonsense: true })).resolves.toMatchObject({
      json: { __type: 'InvalidParameterException' },
    });
    // The session survived the refusals: the genuine assertion still signs in.
    const genuine = await respond(aliceKey.get(options, { origin: ORIGIN }));
    expect(genuine.status).toBe(200);
    expect(h.front.passkeys(h.pool.poolId, alice.username)).toHaveLength(1);
  });

  it('refuses registrations as the service names it and stores nothing', async () => {
    const { username, token } = await newUser();
    const key = new SoftAuthenticator();
    const complete = (Credential: unknown) =>
      h.call('CompleteWebAuthnRegistration', { AccessToken: token, Credential });
    await expect(
      complete(
        key.create(
          { challenge: 'x', rp: { id: 'auth.example.test' }, user: { id: 'dQ' } },
          { origin: ORIGIN },
        ),
      ),
    ).resolves.toMatchObject({
      json: { __type: 'WebAuthnChallengeNotFoundException' },
    });
    let options = await startRegistration(token);
    await expect(complete(key.create(options, { origin: 'https://evil.example' }))).resolves.toMatchObject({
      json: { __type: 'WebAuthnOriginNotAllowedException' },
    });
    options = await startRegistration(token);
    await expect(
      complete(key.create(options, { origin: ORIGIN, rpId: 'other.test' })),
    ).resolves.toMatchObject({
      json: { __type: 'WebAuthnRelyingPartyMismatchException' },
    });
    await expect(complete('{not json')).resolves.toMatchObject({
      json: { __type: 'InvalidParameterException' },
    });
    expect(h.front.passkeys(h.pool.poolId, username)).toEqual([]);
    await expect(
      h.call('StartWebAuthnRegistration', { AccessToken: `${token.slice(0, -4)}AAAA` }),
    ).resolves.toMatchObject({ json: { __type: 'NotAuthorizedException' } });
  });

  it('pages the list of passkeys', async () => {
    const { token } = await newUser();
    const keys = [];
    for (let i = 0; i < 3; i += 1) keys.push((await register(token)).key);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await h.call('ListWebAuthnCredentials', {
        AccessToken: token,
        MaxResults: 2,
        ...(NextToken ? { NextToken } : {}),
      });
      const credentials = page.json.Credentials as { CredentialId: string }[];
      expect(credentials.length).toBeLessThanOrEqual(2);
      seen.push(...credentials.map((c) => c.CredentialId));
      NextToken = page.json.NextToken as string | undefined;
    } while (NextToken);
    expect(seen).toEqual(keys.map((k) => k.id));
    await expect(
      h.call('ListWebAuthnCredentials', { AccessToken: token, MaxResults: 21 }),
    ).resolves.toMatchObject({
      json: { __type: 'InvalidParameterException' },
    });
    const wrongType = await h.call('ListWebAuthnCredentials', { AccessToken: token, MaxResults: 'two' });
    expect(wrongType.json.__type).toBe('SerializationException');
    const noId = await h.call('DeleteWebAuthnCredential', { AccessToken: token });
    expect(noId.json.__type).toBe('InvalidParameterException');
    const noToken = await h.call('CompleteWebAuthnRegistration', { Credential: {} });
    expect(noToken.json.__type).toBe('InvalidParameterException');
  });
});
