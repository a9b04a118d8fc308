import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { decodeJwt } from 'jose';
import { DEVELOPER, FACEBOOK, clientFor, forge, standardPool, start, stopAll } from './helpers';

afterEach(stopAll);

const COGNITO = 'cognito-identity.amazonaws.com';

describe('OpenID tokens', () => {
  describe('GetOpenIdTokenForDeveloperIdentity', () => {
    it('registers a developer user and returns a token accepted for that identity', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const first = await client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId,
          Logins: { [DEVELOPER]: 'user-1' },
          TokenDuration: 120,
        }),
      );
      const again = await client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEVELOPER]: 'user-1' } }),
      );
      expect(again.IdentityId).toBe(first.IdentityId);
      const claims = decodeJwt(first.Token!);
      expect(claims).toMatchObject({
        iss: emu.openIdTokenIssuer,
        sub: first.IdentityId,
        aud: IdentityPoolId,
      });
      expect(claims.amr).toEqual(['authenticated', DEVELOPER, `${DEVELOPER}:${IdentityPoolId}:user-1`]);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);

      const creds = await clientFor(emu).send(
        new GetCredentialsForIdentityCommand({
          IdentityId: first.IdentityId,
          Logins: { [COGNITO]: first.Token! },
        }),
      );
      expect(creds.IdentityId).toBe(first.IdentityId);
      const viaGetId = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [COGNITO]: first.Token! } }),
      );
      expect(viaGetId.IdentityId).toBe(first.IdentityId);
    });

    it('links a developer user to an existing identity and refuses one linked elsewhere', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const fb = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      const { IdentityId } = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }),
      );
      const linked = await client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId,
          IdentityId,
          Logins: { [DEVELOPER]: 'alice-dev' },
        }),
      );
      expect(linked.IdentityId).toBe(IdentityId);
      expect(emu.identities(IdentityPoolId).find((i) => i.identityId === IdentityId)?.logins).toEqual([
        FACEBOOK,
        DEVELOPER,
      ]);
      const other = await client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEVELOPER]: 'bob-dev' } }),
      );
      await expect(
        client.send(
          new GetOpenIdTokenForDeveloperIdentityCommand({
            IdentityPoolId,
            IdentityId: other.IdentityId,
            Logins: { [DEVELOPER]: 'alice-dev' },
          }),
        ),
      ).rejects.toMatchObject({ name: 'DeveloperUserAlreadyRegisteredException' });
    });

    it('refuses the OpenID token of one identity for another, forged ones and other pools', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const otherPool = await standardPool(emu);
      const a = await client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEVELOPER]: 'a' } }),
      );
      const b = await client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEVELOPER]: 'b' } }),
      );
      const notAuthorized = { name: 'NotAuthorizedException' };
      await expect(
        client.send(
          new GetCredentialsForIdentityCommand({ IdentityId: b.IdentityId, Logins: { [COGNITO]: a.Token! } }),
        ),
      ).rejects.toMatchObject(notAuthorized);
      await expect(
        client.send(
          new GetCredentialsForIdentityCommand({
            IdentityId: a.IdentityId,
            Logins: { [COGNITO]: forge(a.Token!) },
          }),
        ),
      ).rejects.toMatchObject(notAuthorized);
      await expect(
        client.send(new GetIdCommand({ IdentityPoolId: otherPool, Logins: { [COGNITO]: a.Token! } })),
      ).rejects.toMatchObject(notAuthorized);
    });

    it('refuses a pool without a developer provider and an empty Logins map', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await emu.createIdentityPool({ supportedLoginProviders: { [FACEBOOK]: 'x' } });
      await expect(
        client.send(
          new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEVELOPER]: 'u' } }),
        ),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
      await expect(
        client.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: {} })),
      ).rejects.toMatchObject({ name: 'InvalidParameterException' });
      await expect(
        client.send(
          new GetOpenIdTokenForDeveloperIdentityCommand({
            IdentityPoolId,
            Logins: { [FACEBOOK]: 'x' },
            TokenDuration: 0,
          }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('GetOpenIdToken', () => {
    it('returns an OpenID token for an authenticated identity with its logins', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const Logins = {
        [FACEBOOK]: await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' }),
      };
      const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
      const result = await client.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
      expect(result.IdentityId).toBe(IdentityId);
      const claims = decodeJwt(result.Token!);
      expect(claims).toMatchObject({
        sub: IdentityId,
        aud: IdentityPoolId,
        amr: ['authenticated', FACEBOOK, `${FACEBOOK}:fb-app:alice`],
      });
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
      await expect(client.send(new GetOpenIdTokenCommand({ IdentityId }))).rejects.toMatchObject({
        name: 'NotAuthorizedException',
      });
    });

    it('returns an unauthenticated token for a guest identity', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu, true);
      const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId }));
      const result = await client.send(new GetOpenIdTokenCommand({ IdentityId }));
      expect(decodeJwt(result.Token!).amr).toEqual(['unauthenticated']);
    });
  });
});
