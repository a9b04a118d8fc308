import {
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentitiesCommand,
  UnlinkIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { FACEBOOK, GOOGLE, clientFor, standardPool, start, stopAll } from './helpers';

afterEach(stopAll);

const ID_PATTERN = /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('identities', () => {
  describe('GetId', () => {
    it('maps the same provider subject to the same identity id every time', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const first = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      const second = await emu.issueProviderToken({
        providerName: FACEBOOK,
        subject: 'alice',
        expiresInSeconds: 60,
      });
      const a = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: first } }));
      const b = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: second } }));
      expect(a.IdentityId).toMatch(ID_PATTERN);
      expect(b.IdentityId).toBe(a.IdentityId);
      const bob = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'bob' });
      const c = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: bob } }));
      expect(c.IdentityId).not.toBe(a.IdentityId);
    });

    it('gives 50 concurrent clients with the same login one identity', async () => {
      const emu = await start();
      const IdentityPoolId = await standardPool(emu);
      const token = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'crowd' });
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: token } })),
        ),
      );
      expect(new Set(results.map((r) => r.IdentityId)).size).toBe(1);
      expect(emu.identities(IdentityPoolId)).toHaveLength(1);
    });

    it('links a second provider in the same Logins map to the existing identity', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const fb = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice-fb' });
      const google = await emu.issueProviderToken({ providerName: GOOGLE, subject: 'alice-google' });
      const { IdentityId } = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }),
      );
      const linked = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb, [GOOGLE]: google } }),
      );
      expect(linked.IdentityId).toBe(IdentityId);
      const viaGoogle = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [GOOGLE]: google } }));
      expect(viaGoogle.IdentityId).toBe(IdentityId);
    });

    it('merges identities whose logins are presented together and answers the surviving (older) id', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const alice = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      const bob = await emu.issueProviderToken({ providerName: GOOGLE, subject: 'bob' });
      const first = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: alice } }));
      const second = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [GOOGLE]: bob } }));
      const merged = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: alice, [GOOGLE]: bob } }),
      );
      expect(merged.IdentityId).toBe(first.IdentityId);
      const viaBob = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [GOOGLE]: bob } }));
      expect(viaBob.IdentityId).toBe(first.IdentityId);
      expect(emu.identities(IdentityPoolId).map((i) => i.identityId)).toEqual([first.IdentityId]);
      const oldId = await client.send(
        new GetCredentialsForIdentityCommand({ IdentityId: second.IdentityId, Logins: { [GOOGLE]: bob } }),
      );
      expect(oldId.IdentityId).toBe(first.IdentityId);
    });

    it('creates unauthenticated identities only when the pool allows them', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const open = await standardPool(emu, true);
      const closed = await standardPool(emu, false);
      const a = await client.send(new GetIdCommand({ IdentityPoolId: open }));
      const b = await client.send(new GetIdCommand({ IdentityPoolId: open }));
      expect(a.IdentityId).toMatch(ID_PATTERN);
      expect(b.IdentityId).not.toBe(a.IdentityId);
      await expect(client.send(new GetIdCommand({ IdentityPoolId: closed }))).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('refuses a provider the pool is not configured for', async () => {
      const emu = await start();
      const IdentityPoolId = await standardPool(emu);
      const token = await emu.issueProviderToken({ providerName: 'www.amazon.com', subject: 'alice' });
      await expect(
        clientFor(emu).send(new GetIdCommand({ IdentityPoolId, Logins: { 'www.amazon.com': token } })),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    });

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      const emu = await start();
      await expect(
        clientFor(emu).send(
          new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000' }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    });
  });

  describe('GetCredentialsForIdentity', () => {
    it('hands out fresh credentials that expire after the configured lifetime', async () => {
      let now = Date.UTC(2030, 0, 1);
      const emu = await start({ credentialsLifetimeSeconds: 900, now: () => now });
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const token = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      const Logins = { [FACEBOOK]: token };
      const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
      const first = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
      now += 1000;
      const second = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
      expect(first.IdentityId).toBe(IdentityId);
      expect(first.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(first.Credentials?.SecretKey).toHaveLength(40);
      expect(first.Credentials?.SessionToken?.length).toBeGreaterThan(100);
      expect(first.Credentials?.Expiration).toEqual(new Date(Date.UTC(2030, 0, 1) + 900_000));
      expect(second.Credentials?.AccessKeyId).not.toBe(first.Credentials?.AccessKeyId);
      expect(second.Credentials?.Expiration).toEqual(new Date(now + 900_000));
    });

    it('refuses a login that belongs to another identity', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const alice = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      const bob = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'bob' });
      const { IdentityId } = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: alice } }),
      );
      await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: bob } }));
      await expect(
        client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [FACEBOOK]: bob } })),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
      const mallory = await emu.issueProviderToken({ providerName: GOOGLE, subject: 'mallory' });
      await expect(
        client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [GOOGLE]: mallory } })),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
      await expect(client.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject({
        name: 'NotAuthorizedException',
      });
    });

    it('accepts a known identity id with its login directly (developerProvidedIdentityId flow)', async () => {
      const emu = await start();
      const IdentityPoolId = await standardPool(emu);
      const token = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      const { IdentityId } = await clientFor(emu).send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: token } }),
      );
      const fresh = clientFor(emu);
      const result = await fresh.send(
        new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [FACEBOOK]: token } }),
      );
      expect(result.IdentityId).toBe(IdentityId);
    });

    it('links a new login to an unauthenticated identity, then requires it', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu, true);
      const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId }));
      const guest = await client.send(new GetCredentialsForIdentityCommand({ IdentityId }));
      expect(guest.Credentials?.AccessKeyId).toBeDefined();
      const token = await emu.issueProviderToken({ providerName: GOOGLE, subject: 'carol' });
      await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [GOOGLE]: token } }));
      const again = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [GOOGLE]: token } }));
      expect(again.IdentityId).toBe(IdentityId);
      await expect(client.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject({
        name: 'NotAuthorizedException',
      });
    });

    it('answers ResourceNotFoundException for an unknown identity id', async () => {
      const emu = await start();
      await expect(
        clientFor(emu).send(
          new GetCredentialsForIdentityCommand({
            IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000',
          }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    });
  });

  describe('DescribeIdentity, ListIdentities and UnlinkIdentity', () => {
    it('describes, pages through and unlinks identities', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu, true);
      const fb = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'dora' });
      const google = await emu.issueProviderToken({ providerName: GOOGLE, subject: 'dora' });
      const Logins = { [FACEBOOK]: fb, [GOOGLE]: google };
      const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
      await client.send(new GetIdCommand({ IdentityPoolId }));
      await client.send(new GetIdCommand({ IdentityPoolId }));

      const described = await client.send(new DescribeIdentityCommand({ IdentityId }));
      expect(described.IdentityId).toBe(IdentityId);
      expect([...(described.Logins ?? [])].sort()).toEqual([GOOGLE, FACEBOOK].sort());
      expect(described.CreationDate).toBeInstanceOf(Date);
      expect(described.LastModifiedDate).toBeInstanceOf(Date);

      const page1 = await client.send(new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 2 }));
      expect(page1.Identities).toHaveLength(2);
      expect(page1.NextToken).toBeDefined();
      const page2 = await client.send(
        new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 2, NextToken: page1.NextToken }),
      );
      expect(page2.Identities).toHaveLength(1);
      expect(page2.NextToken).toBeUndefined();
      expect(page1.Identities?.[0]?.Logins?.length).toBe(2);

      await client.send(new UnlinkIdentityCommand({ IdentityId, Logins, LoginsToRemove: [GOOGLE] }));
      const after = await client.send(new DescribeIdentityCommand({ IdentityId }));
      expect(after.Logins).toEqual([FACEBOOK]);
      const googleAgain = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [GOOGLE]: google } }),
      );
      expect(googleAgain.IdentityId).not.toBe(IdentityId);
    });

    it('refuses UnlinkIdentity without a login of that identity', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const alice = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
      const bob = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'bob' });
      const { IdentityId } = await client.send(
        new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: alice } }),
      );
      await expect(
        client.send(
          new UnlinkIdentityCommand({ IdentityId, Logins: { [FACEBOOK]: bob }, LoginsToRemove: [FACEBOOK] }),
        ),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
      expect(emu.identities(IdentityPoolId).find((i) => i.identityId === IdentityId)?.logins).toEqual([
        FACEBOOK,
      ]);
    });

    it('answers ResourceNotFoundException for an unknown identity', async () => {
      const emu = await start();
      await expect(
        clientFor(emu).send(
          new DescribeIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000' }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });
  });
});
