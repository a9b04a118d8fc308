/**
 * Conformance, BEHAVIOUR section 10 "Linking" and "Region". Sources: API reference GetId,
 * GetCredentialsForIdentity (ResourceConflictException; the answer's IdentityId), UnlinkIdentity, and
 * the developer guide's rules for linking and merging identities.
 */
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  UnlinkIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { FACEBOOK, GOOGLE, clientFor, rawCall, standardPool, start, stopAll } from '../helpers';

afterEach(stopAll);

describe('BEHAVIOUR 10 linking (API reference: GetId, GetCredentialsForIdentity, UnlinkIdentity)', () => {
  it('one login per public provider per identity: a second Facebook user is a ResourceConflictException and nothing changes', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    const alice = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    const aliceGoogle = await emu.issueProviderToken({ providerName: GOOGLE, subject: 'alice-g' });
    const carol = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'carol' });
    const { IdentityId } = await client.send(
      new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: alice, [GOOGLE]: aliceGoogle } }),
    );
    await expect(
      client.send(
        new GetCredentialsForIdentityCommand({
          IdentityId,
          Logins: { [GOOGLE]: aliceGoogle, [FACEBOOK]: carol },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceConflictException', $metadata: { httpStatusCode: 400 } });
    // Alice keeps her identity; Carol still gets her own.
    const again = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: alice } }));
    expect(again.IdentityId).toBe(IdentityId);
    const carolId = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: carol } }));
    expect(carolId.IdentityId).not.toBe(IdentityId);
  });

  it('logins of two identities merge them: GetId and GetCredentialsForIdentity answer the surviving id', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    const fb = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    const google = await emu.issueProviderToken({ providerName: GOOGLE, subject: 'alice-g' });
    const a = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }));
    const b = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [GOOGLE]: google } }));
    const creds = await client.send(
      new GetCredentialsForIdentityCommand({
        IdentityId: b.IdentityId,
        Logins: { [GOOGLE]: google, [FACEBOOK]: fb },
      }),
    );
    expect(creds.IdentityId).toBe(a.IdentityId);
    expect(emu.identities(IdentityPoolId)).toHaveLength(1);
    expect(
      (await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [GOOGLE]: google } }))).IdentityId,
    ).toBe(a.IdentityId);
  });

  it('a guest identity presenting a login of an existing identity is merged into it (the answer carries that id)', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu, true);
    const fb = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    const owner = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }));
    const guest = await client.send(new GetIdCommand({ IdentityPoolId }));
    const creds = await client.send(
      new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId, Logins: { [FACEBOOK]: fb } }),
    );
    expect(creds.IdentityId).toBe(owner.IdentityId);
    expect(emu.identities(IdentityPoolId).map((i) => i.identityId)).toEqual([owner.IdentityId]);
  });

  it('unlinking the last login makes the identity unusable, not a guest', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu, true);
    const fb = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    const { IdentityId } = await client.send(
      new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }),
    );
    await client.send(
      new UnlinkIdentityCommand({ IdentityId, Logins: { [FACEBOOK]: fb }, LoginsToRemove: [FACEBOOK] }),
    );
    expect(emu.identities(IdentityPoolId)[0]).toMatchObject({
      identityId: IdentityId,
      logins: [],
      disabled: true,
    });
    await expect(client.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    const fresh = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }));
    expect(fresh.IdentityId).not.toBe(IdentityId);
  });
});

describe('BEHAVIOUR 10 region (API reference: IdentityPoolId / IdentityId "<region>:<GUID>")', () => {
  it('pool and identity ids carry the emulator region; the default is us-east-1', async () => {
    const west = await start({ region: 'eu-west-2' });
    const poolId = await west.createIdentityPool({ allowUnauthenticatedIdentities: true });
    expect(poolId).toMatch(/^eu-west-2:[0-9a-f-]{36}$/);
    const res = await rawCall(west, 'GetId', JSON.stringify({ IdentityPoolId: poolId }));
    expect(res.body.IdentityId).toMatch(/^eu-west-2:[0-9a-f-]{36}$/);
    const east = await start();
    expect(east.region).toBe('us-east-1');
    expect(await east.createIdentityPool({})).toMatch(/^us-east-1:/);
  });

  it('signed requests must be scoped to the emulator region', async () => {
    const west = await start({ region: 'eu-west-2' });
    const wrong = await rawCall(west, 'ListIdentityPools', '{"MaxResults":1}', {
      signed: true,
      region: 'us-east-1',
    });
    expect(wrong.body.__type).toBe('InvalidSignatureException');
    const right = await rawCall(west, 'ListIdentityPools', '{"MaxResults":1}', { signed: true });
    expect(right.status).toBe(200);
  });
});
