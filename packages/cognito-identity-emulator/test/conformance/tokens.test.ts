/**
 * Conformance, BEHAVIOUR section 10 "Tokens" and issue 11.9 (kid). Sources: API reference
 * CreateIdentityPool (SupportedLoginProviders: provider name -> app id), GetOpenIdToken (token for
 * STS AssumeRoleWithWebIdentity), the developer guide's description of Cognito OpenID tokens (iss
 * https://cognito-identity.amazonaws.com, amr), and the published key set path
 * https://cognito-identity.amazonaws.com/.well-known/jwks_uri.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { createLocalJWKSet, decodeProtectedHeader, importPKCS8, jwtVerify, SignJWT } from 'jose';
import { OPEN_ID_ISSUER } from '../../src/index.js';
import { FACEBOOK, clientFor, standardPool, start, stopAll } from '../helpers';

afterEach(stopAll);

describe('BEHAVIOUR 10 tokens (API reference: CreateIdentityPool SupportedLoginProviders, GetOpenIdToken)', () => {
  it("a public provider's token is accepted only for the app id configured for it", async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu); // graph.facebook.com -> fb-app
    const otherApp = await emu.issueProviderToken({
      providerName: FACEBOOK,
      subject: 'alice',
      audience: 'another-app',
    });
    await expect(
      client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: otherApp } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const ourApp = await emu.issueProviderToken({
      providerName: FACEBOOK,
      subject: 'alice',
      audience: 'fb-app',
    });
    expect(
      (await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: ourApp } }))).IdentityId,
    ).toBeDefined();
    const byDefault = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'bob' });
    expect(
      (await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: byDefault } }))).IdentityId,
    ).toBeDefined();
  });

  it("OpenID tokens look like the service's: iss, RS512, kid from /.well-known/jwks_uri, amr with provider:app:user", async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    const Logins = { [FACEBOOK]: await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' }) };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
    const { Token } = await client.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    const header = decodeProtectedHeader(Token!);
    expect(header.alg).toBe('RS512');
    const config = (await (await fetch(`${emu.endpoint}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(config).toMatchObject({
      issuer: OPEN_ID_ISSUER,
      jwks_uri: `${emu.endpoint}/.well-known/jwks_uri`,
    });
    const jwks = (await (await fetch(String(config.jwks_uri))).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    const { payload } = await jwtVerify(Token!, createLocalJWKSet(jwks), {
      issuer: OPEN_ID_ISSUER,
      audience: IdentityPoolId,
    });
    expect(payload.iss).toBe('https://cognito-identity.amazonaws.com');
    expect(payload.sub).toBe(IdentityId);
    expect(payload.amr).toEqual(['authenticated', FACEBOOK, `${FACEBOOK}:fb-app:alice`]);
  });

  it('a token whose kid is not in the key set is refused even when signed with the emulator key (issue 11.9)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-kid-'));
    const stateFile = join(dir, 'state.json');
    const emu = await start({ stateFile });
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      signingKey: { kid: string; privateKeyPem: string };
    };
    const key = await importPKCS8(state.signingKey.privateKeyPem, 'RS256');
    const mint = (kid: string | undefined) =>
      new SignJWT({ provider_name: FACEBOOK })
        .setProtectedHeader(kid === undefined ? { alg: 'RS256' } : { alg: 'RS256', kid })
        .setIssuer(emu.testIdpIssuer)
        .setSubject('mallory')
        .setAudience('fb-app')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    for (const kid of ['not-in-the-set', undefined, `${state.signingKey.kid}-openid`]) {
      await expect(
        client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: await mint(kid) } })),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    }
    const genuine = await mint(state.signingKey.kid);
    expect(
      (await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: genuine } }))).IdentityId,
    ).toBeDefined();
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});
