import {
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
} from '@aws-sdk/client-cognito-identity';
import { clientFor, rawCall, start, stopAll } from './helpers';

afterEach(stopAll);

describe('identity pool control plane', () => {
  it('creates, describes, lists and deletes pools with the AWS field names', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const created = await client.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'demo pool',
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { 'graph.facebook.com': '1234' },
        DeveloperProviderName: 'login.demo',
        OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:oidc-provider/login.example.com'],
        SamlProviderARNs: ['arn:aws:iam::123456789012:saml-provider/corp'],
        CognitoIdentityProviders: [
          { ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_X', ClientId: 'abc' },
        ],
        IdentityPoolTags: { team: 'plugboard' },
      }),
    );
    expect(created.IdentityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const described = await client.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }),
    );
    expect(described).toMatchObject({
      IdentityPoolName: 'demo pool',
      AllowUnauthenticatedIdentities: true,
      SupportedLoginProviders: { 'graph.facebook.com': '1234' },
      DeveloperProviderName: 'login.demo',
      OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:oidc-provider/login.example.com'],
      CognitoIdentityProviders: [
        {
          ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_X',
          ClientId: 'abc',
          ServerSideTokenCheck: false,
        },
      ],
      IdentityPoolTags: { team: 'plugboard' },
    });
    // an OIDC provider ARN is used in Logins under its host name, with test-IdP tokens
    const token = await emu.issueProviderToken({ providerName: 'login.example.com', subject: 's' });
    await expect(
      client.send(
        new GetIdCommand({ IdentityPoolId: created.IdentityPoolId, Logins: { 'login.example.com': token } }),
      ),
    ).resolves.toMatchObject({ IdentityId: expect.any(String) });

    await emu.createIdentityPool({ identityPoolName: 'second' });
    await emu.createIdentityPool({ identityPoolName: 'third' });
    const page1 = await client.send(new ListIdentityPoolsCommand({ MaxResults: 2 }));
    expect(page1.IdentityPools?.map((p) => p.IdentityPoolName)).toEqual(['demo pool', 'second']);
    const page2 = await client.send(
      new ListIdentityPoolsCommand({ MaxResults: 2, NextToken: page1.NextToken }),
    );
    expect(page2.IdentityPools?.map((p) => p.IdentityPoolName)).toEqual(['third']);
    expect(page2.NextToken).toBeUndefined();

    await client.send(new DeleteIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }));
    await expect(
      client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    await expect(
      client.send(new DeleteIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(emu.identities(created.IdentityPoolId)).toHaveLength(0);
  });

  it('validates CreateIdentityPool input', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const invalid = { name: 'ValidationException', $metadata: { httpStatusCode: 400 } };
    await expect(
      client.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'bad/name',
          AllowUnauthenticatedIdentities: false,
        }),
      ),
    ).rejects.toMatchObject(invalid);
    await expect(
      client.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'ok',
          AllowUnauthenticatedIdentities: false,
          DeveloperProviderName: 'has space',
        }),
      ),
    ).rejects.toMatchObject(invalid);
    const missing = await rawCall(emu, 'CreateIdentityPool', '{"IdentityPoolName":"x"}', { signed: true });
    expect(missing.status).toBe(400);
    expect(missing.body.__type).toBe('ValidationException');
    expect(missing.body.message).toBe(
      "1 validation error detected: Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null",
    );
    await expect(client.send(new ListIdentityPoolsCommand({ MaxResults: 61 }))).rejects.toMatchObject(
      invalid,
    );
    await expect(
      client.send(new ListIdentityPoolsCommand({ MaxResults: 5, NextToken: 'garbage' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
  });

  it.each([
    ['CreateIdentityPool', '{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true}'],
    ['DescribeIdentityPool', '{"IdentityPoolId":"us-east-1:0000"}'],
    ['DeleteIdentityPool', '{"IdentityPoolId":"us-east-1:0000"}'],
    ['ListIdentityPools', '{"MaxResults":1}'],
    ['GetOpenIdTokenForDeveloperIdentity', '{"IdentityPoolId":"us-east-1:0000","Logins":{"a":"b"}}'],
    ['DescribeIdentity', '{"IdentityId":"us-east-1:0000"}'],
    ['ListIdentities', '{"IdentityPoolId":"us-east-1:0000","MaxResults":1}'],
  ])('answers an unsigned %s with MissingAuthenticationTokenException', async (operation, body) => {
    const emu = await start();
    const res = await rawCall(emu, operation, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException:');
    expect(res.body.__type).toBe('MissingAuthenticationTokenException');
    expect(emu.identityPools()).toHaveLength(0);
    const incomplete = await rawCall(emu, operation, body, {
      headers: { authorization: 'AWS4-HMAC-SHA256 nope' },
    });
    expect(incomplete.body.__type).toBe('IncompleteSignatureException');
  });

  it('accepts the public operations unsigned', async () => {
    const emu = await start();
    const IdentityPoolId = await emu.createIdentityPool({ allowUnauthenticatedIdentities: true });
    const res = await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId }));
    expect(res.status).toBe(200);
    expect(res.body.IdentityId).toEqual(expect.any(String));
  });
});
