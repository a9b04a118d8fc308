import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { SignJWT, exportJWK, generateKeyPair, decodeJwt, type KeyLike } from 'jose';
import { FACEBOOK, clientFor, forge, standardPool, start, stopAll } from './helpers';

afterEach(stopAll);

const notAuthorized = { name: 'NotAuthorizedException', $metadata: { httpStatusCode: 400 } };

describe('login token verification', () => {
  describe('test IdP tokens', () => {
    it('mints tokens with iss, sub, aud, iat, exp and the provider claim, published keys included', async () => {
      const emu = await start();
      const token = await emu.issueProviderToken({ providerName: 'appleid.apple.com', subject: 'zoe' });
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({ iss: emu.testIdpIssuer, sub: 'zoe', aud: 'appleid.apple.com' });
      expect(claims['provider_name']).toBe('appleid.apple.com');
      // At least the lifetime asked for: exp is rounded up to the next whole second.
      expect([3600, 3601]).toContain((claims.exp ?? 0) - (claims.iat ?? 0));
      expect((claims.exp ?? 0) * 1000).toBeGreaterThanOrEqual(Date.now() + 3600_000 - 5000);
      const jwks = (await (await fetch(emu.jwksUri)).json()) as { keys: { kty: string; alg: string }[] };
      expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    });

    it('accepts any configured provider name, SAML ARNs and custom names included', async () => {
      const emu = await start();
      const saml = 'arn:aws:iam::123456789012:saml-provider/corp';
      const providers = ['graph.facebook.com', 'www.amazon.com', 'api.twitter.com', 'my.custom.idp'];
      const IdentityPoolId = await emu.createIdentityPool({
        supportedLoginProviders: Object.fromEntries(providers.map((p) => [p, 'app'])),
        samlProviderARNs: [saml],
      });
      for (const providerName of [...providers, saml]) {
        const token = await emu.issueProviderToken({ providerName, subject: 'u1' });
        const result = await clientFor(emu).send(
          new GetIdCommand({ IdentityPoolId, Logins: { [providerName]: token } }),
        );
        expect(result.IdentityId).toBeDefined();
      }
    });

    it('refuses an expired token with NotAuthorizedException', async () => {
      let now = Date.now();
      const emu = await start({ now: () => now });
      const IdentityPoolId = await standardPool(emu);
      const token = await emu.issueProviderToken({
        providerName: FACEBOOK,
        subject: 'alice',
        expiresInSeconds: 1,
      });
      const Logins = { [FACEBOOK]: token };
      const { IdentityId } = await clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins }));
      now += 2000;
      await expect(clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins }))).rejects.toMatchObject(
        notAuthorized,
      );
      await expect(
        clientFor(emu).send(new GetCredentialsForIdentityCommand({ IdentityId, Logins })),
      ).rejects.toMatchObject(notAuthorized);
    });

    it('refuses a token minted already expired without any clock', async () => {
      const emu = await start();
      const IdentityPoolId = await standardPool(emu);
      const token = await emu.issueProviderToken({
        providerName: FACEBOOK,
        subject: 'a',
        expiresInSeconds: -5,
      });
      await expect(
        clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: token } })),
      ).rejects.toMatchObject(notAuthorized);
    });

    it('refuses a forged token and never echoes it', async () => {
      const emu = await start();
      const IdentityPoolId = await standardPool(emu);
      const forged = forge(await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' }));
      const error = await clientFor(emu)
        .send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: forged } }))
        .catch((e: Error) => e);
      expect(error).toMatchObject(notAuthorized);
      expect(String((error as Error).message)).not.toContain(forged.split('.')[2]);
    });

    it('refuses a token minted for another provider, garbage and tokens of another emulator', async () => {
      const emu = await start();
      const other = await start();
      const IdentityPoolId = await standardPool(emu);
      const google = await emu.issueProviderToken({ providerName: 'accounts.google.com', subject: 'alice' });
      const foreign = await other.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      for (const token of [google, foreign, 'not-a-jwt', 'a.b.c']) {
        await expect(
          clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: token } })),
        ).rejects.toMatchObject(notAuthorized);
      }
    });

    it('checks the client id of a user pool trusted through CognitoIdentityProviders', async () => {
      const emu = await start();
      const providerName = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123';
      const IdentityPoolId = await emu.createIdentityPool({
        cognitoIdentityProviders: [{ providerName, clientId: 'appclient1' }],
      });
      const good = await emu.issueProviderToken({ providerName, subject: 'u', audience: 'appclient1' });
      const bad = await emu.issueProviderToken({ providerName, subject: 'u', audience: 'someoneelse' });
      const client = clientFor(emu);
      await expect(
        client.send(new GetIdCommand({ IdentityPoolId, Logins: { [providerName]: good } })),
      ).resolves.toBeDefined();
      await expect(
        client.send(new GetIdCommand({ IdentityPoolId, Logins: { [providerName]: bad } })),
      ).rejects.toMatchObject(notAuthorized);
    });

    it('mints tokens over HTTP for loopback callers', async () => {
      const emu = await start();
      const IdentityPoolId = await standardPool(emu);
      const res = await fetch(`${emu.endpoint}/test-idp/token?provider=${FACEBOOK}&sub=erin&expires=120`);
      const body = (await res.json()) as { token: string; expiresInSeconds: number };
      expect(res.status).toBe(200);
      expect(body.expiresInSeconds).toBe(120);
      const result = await clientFor(emu).send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: body.token } }),
      );
      expect(result.IdentityId).toBeDefined();
      expect((await fetch(`${emu.endpoint}/test-idp/token?sub=erin`)).status).toBe(400);
    });
  });

  describe('OpenID Connect providers', () => {
    let jwksServer: Server;
    let jwksUri: string;
    let privateKey: KeyLike;
    const issuer = 'http://localhost:9229/us-east-1_Local1';
    const providerName = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Local1';

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
      jwksServer = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/us-east-1_Local1/.well-known/jwks.json`;
    });

    afterAll(async () => {
      jwksServer.closeAllConnections();
      await new Promise((resolve) => jwksServer.close(resolve));
    });

    const sign = (claims: Record<string, unknown>, expiresIn = '1h', iss = issuer): Promise<string> =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
        .setIssuer(iss)
        .setSubject('user-42')
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey);

    it('trusts tokens signed by the provider JWKS with the right issuer and audience', async () => {
      const emu = await start();
      const IdentityPoolId = await emu.createIdentityPool({
        openIdConnectProviders: [{ providerName, issuer, jwksUri, audiences: ['client-a'] }],
      });
      const client = clientFor(emu);
      const idToken = await sign({ aud: 'client-a', token_use: 'id' });
      const accessToken = await sign({ client_id: 'client-a', token_use: 'access' });
      const a = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [providerName]: idToken } }));
      const b = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [providerName]: accessToken } }),
      );
      expect(b.IdentityId).toBe(a.IdentityId);
      const creds = await client.send(
        new GetCredentialsForIdentityCommand({
          IdentityId: a.IdentityId,
          Logins: { [providerName]: idToken },
        }),
      );
      expect(creds.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    });

    it('refuses a wrong issuer, a wrong audience, an expired token and a token from the test IdP', async () => {
      const emu = await start();
      const IdentityPoolId = await emu.createIdentityPool({
        openIdConnectProviders: [{ providerName, issuer, jwksUri, audiences: ['client-a'] }],
      });
      const bad = [
        await sign({ aud: 'client-a' }, '1h', 'http://localhost:9229/other'),
        await sign({ aud: 'client-b' }),
        await sign({ aud: 'client-a' }, '-10s'),
        forge(await sign({ aud: 'client-a' })),
        await emu.issueProviderToken({ providerName, subject: 'user-42', audience: 'client-a' }),
      ];
      for (const token of bad) {
        await expect(
          clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins: { [providerName]: token } })),
        ).rejects.toMatchObject(notAuthorized);
      }
    });

    it('answers ExternalServiceException when the provider JWKS cannot be reached', async () => {
      const emu = await start();
      const IdentityPoolId = await emu.createIdentityPool({
        openIdConnectProviders: [{ providerName, issuer, jwksUri: 'http://127.0.0.1:1/jwks.json' }],
      });
      await expect(
        clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins: { [providerName]: await sign({}) } })),
      ).rejects.toMatchObject({ name: 'ExternalServiceException' });
    });
  });
});
