import { ConfigurationException } from '@plugboard/core';
import { fromAmplifyOutputs } from '../src';

const POOL = 'us-east-1:0a1b2c3d-1111-4222-8333-444455556666';

describe('fromAmplifyOutputs', () => {
  it('derives both configurations from an identity-pool-only amplify_outputs.json', () => {
    const { plugboard, awsAmplify } = fromAmplifyOutputs({
      version: '1.4',
      auth: { aws_region: 'us-east-1', identity_pool_id: POOL, identity_pool_endpoint: 'http://127.0.0.1:9' },
    });

    expect(plugboard).toEqual({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: { PoolId: POOL, Region: 'us-east-1', Endpoint: 'http://127.0.0.1:9' },
              },
            },
          },
        },
      },
    });
    expect(awsAmplify).toEqual({ Auth: { Cognito: { identityPoolId: POOL } } });
  });

  it('carries user pool, guest access and the other categories to aws-amplify', () => {
    const { plugboard, awsAmplify } = fromAmplifyOutputs({
      version: '1.4',
      auth: {
        aws_region: 'us-east-1',
        identity_pool_id: POOL,
        user_pool_id: 'us-east-1_Abc',
        user_pool_client_id: 'client',
        unauthenticated_identities_enabled: true,
      },
      storage: { aws_region: 'us-east-1', bucket_name: 'photos' },
    });

    expect(awsAmplify.Auth?.Cognito).toEqual({
      identityPoolId: POOL,
      userPoolId: 'us-east-1_Abc',
      userPoolClientId: 'client',
      allowGuestAccess: true,
    });
    expect(awsAmplify.Storage?.S3).toMatchObject({ bucket: 'photos', region: 'us-east-1' });
    expect(plugboard.auth?.plugins?.awsCognitoAuthPlugin).toMatchObject({
      CognitoUserPool: { Default: { PoolId: 'us-east-1_Abc', AppClientId: 'client', Region: 'us-east-1' } },
    });
  });

  it('reads an outputs file without a version too (aws-amplify needs one; the bridge adds it)', () => {
    const { awsAmplify } = fromAmplifyOutputs({ auth: { aws_region: 'us-east-1', identity_pool_id: POOL } });
    expect(awsAmplify).toEqual({ Auth: { Cognito: { identityPoolId: POOL } } });
  });

  it('refuses what is not an amplify_outputs.json with an auth section, with a recovery suggestion', () => {
    expect(() => fromAmplifyOutputs({ version: '1.4' })).toThrow(ConfigurationException);
    expect(() => fromAmplifyOutputs(null as never)).toThrow(ConfigurationException);
    expect(() =>
      fromAmplifyOutputs({ version: '1.4', auth: { aws_region: 'us-east-1', identity_pool_id: 'nope' } }),
    ).toThrow(/auth\.identity_pool_id/);
  });
});
