/**
 * Conformance, BEHAVIOUR section 10 "The operations the plugin's escape hatch users reach for exist",
 * plus the smaller rules of issue 13 (DeveloperUserAlreadyRegisteredException, x-amzn-ErrorType).
 * Sources: the API reference page of each operation named in the test.
 */
import {
  CognitoIdentityClient,
  DeleteIdentitiesCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  GetPrincipalTagAttributeMapCommand,
  ListTagsForResourceCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  SetPrincipalTagAttributeMapCommand,
  TagResourceCommand,
  UnlinkDeveloperIdentityCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { DEVELOPER, FACEBOOK, clientFor, rawCall, standardPool, start, stopAll } from '../helpers';

afterEach(stopAll);

async function developerUser(
  client: CognitoIdentityClient,
  IdentityPoolId: string,
  user: string,
): Promise<string> {
  const out = await client.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEVELOPER]: user } }),
  );
  return out.IdentityId!;
}

describe('BEHAVIOUR 10 operations (API reference pages of the same names)', () => {
  it('UpdateIdentityPool replaces the pool settings (DescribeIdentityPool shows them)', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    await client.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId,
        IdentityPoolName: 'renamed',
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { [FACEBOOK]: 'fb-app-2' },
        DeveloperProviderName: DEVELOPER,
      }),
    );
    expect(await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId }))).toMatchObject({
      IdentityPoolName: 'renamed',
      AllowUnauthenticatedIdentities: true,
      SupportedLoginProviders: { [FACEBOOK]: 'fb-app-2' },
    });
    await expect(
      client.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId,
          IdentityPoolName: 'x',
          AllowUnauthenticatedIdentities: true,
          DeveloperProviderName: 'other.dev',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('LookupDeveloperIdentity, MergeDeveloperIdentities and UnlinkDeveloperIdentity', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    const a = await developerUser(client, IdentityPoolId, 'dev-a');
    const b = await developerUser(client, IdentityPoolId, 'dev-b');
    expect(
      await client.send(
        new LookupDeveloperIdentityCommand({ IdentityPoolId, DeveloperUserIdentifier: 'dev-b' }),
      ),
    ).toMatchObject({
      IdentityId: b,
      DeveloperUserIdentifierList: ['dev-b'],
    });
    const merged = await client.send(
      new MergeDeveloperIdentitiesCommand({
        IdentityPoolId,
        DeveloperProviderName: DEVELOPER,
        SourceUserIdentifier: 'dev-b',
        DestinationUserIdentifier: 'dev-a',
      }),
    );
    expect(merged.IdentityId).toBe(a);
    expect(
      await client.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a })),
    ).toMatchObject({
      DeveloperUserIdentifierList: ['dev-a', 'dev-b'],
    });
    await client.send(
      new UnlinkDeveloperIdentityCommand({
        IdentityPoolId,
        IdentityId: a,
        DeveloperProviderName: DEVELOPER,
        DeveloperUserIdentifier: 'dev-b',
      }),
    );
    await expect(
      client.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, DeveloperUserIdentifier: 'dev-b' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('GetOpenIdTokenForDeveloperIdentity answers DeveloperUserAlreadyRegisteredException for a user of another identity', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    await developerUser(client, IdentityPoolId, 'dev-a');
    const b = await developerUser(client, IdentityPoolId, 'dev-b');
    await expect(
      client.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId,
          IdentityId: b,
          Logins: { [DEVELOPER]: 'dev-a' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'DeveloperUserAlreadyRegisteredException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('DeleteIdentities removes identities; their logins then create new ones', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    const fb = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    const { IdentityId } = await client.send(
      new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }),
    );
    expect(
      await client.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [IdentityId!] })),
    ).toMatchObject({ UnprocessedIdentityIds: [] });
    expect(emu.identities(IdentityPoolId)).toHaveLength(0);
    const again = await client.send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: fb } }));
    expect(again.IdentityId).not.toBe(IdentityId);
  });

  it('principal tag maps: Set/GetPrincipalTagAttributeMap', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    expect(
      await client.send(
        new GetPrincipalTagAttributeMapCommand({ IdentityPoolId, IdentityProviderName: FACEBOOK }),
      ),
    ).toMatchObject({ UseDefaults: true });
    await client.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId,
        IdentityProviderName: FACEBOOK,
        UseDefaults: false,
        PrincipalTags: { team: 'sub' },
      }),
    );
    expect(
      await client.send(
        new GetPrincipalTagAttributeMapCommand({ IdentityPoolId, IdentityProviderName: FACEBOOK }),
      ),
    ).toMatchObject({
      UseDefaults: false,
      PrincipalTags: { team: 'sub' },
    });
  });

  it('tags: TagResource, UntagResource, ListTagsForResource on the identity pool ARN', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const IdentityPoolId = await standardPool(emu);
    const ResourceArn = `arn:aws:cognito-identity:us-east-1:000000000000:identitypool/${IdentityPoolId}`;
    await client.send(new TagResourceCommand({ ResourceArn, Tags: { env: 'test', team: 'auth' } }));
    await client.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['team'] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({
      env: 'test',
    });
    await expect(
      client.send(
        new ListTagsForResourceCommand({ ResourceArn: ResourceArn.replace(/[0-9a-f]{4}$/, 'ffff') }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('error answers (AWS JSON 1.1 protocol: x-amzn-ErrorType "Name:", x-amzn-ErrorMessage)', () => {
  it('carry the error name with a trailing colon, the message header and the body', async () => {
    const emu = await start();
    const res = await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId: 'us-east-1:0a0a' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException:');
    expect(res.headers.get('x-amzn-errormessage')).toBe(String(res.body.message));
    expect(res.body.__type).toBe('ResourceNotFoundException');
    await expect(
      clientFor(emu).send(new GetIdCommand({ IdentityPoolId: 'us-east-1:0a0a' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
