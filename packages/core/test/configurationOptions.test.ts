import { ConfigurationException, type AmplifyConfiguration, type AmplifyOutputs } from '../src/index.js';
import { parseAmplifyConfiguration } from '../src/internals.js';
import { captureLogs } from './support/captureLogs.js';

const IDENTITY_POOL_ID = 'us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c';
const IDP = 'auth.plugins.awsCognitoAuthPlugin.CredentialsProvider.CognitoIdentity.Default';
let uniquePort = 40000;

function identityPool(pool: Record<string, unknown>): AmplifyConfiguration {
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: { Default: { PoolId: IDENTITY_POOL_ID, Region: 'us-east-1', ...pool } as never },
          },
        },
      },
    },
  };
}

function errorOf(config: unknown): ConfigurationException {
  try {
    parseAmplifyConfiguration(config as AmplifyConfiguration);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationException);
    return error as ConfigurationException;
  }
  throw new Error('expected a ConfigurationException');
}

describe('an aws-amplify v6 configuration', () => {
  it.each([
    ['Auth', { Auth: { Cognito: { identityPoolId: IDENTITY_POOL_ID, userPoolId: 'us-east-1_AbC123' } } }],
    ['Storage', { Storage: { S3: { bucket: 'b' } } }],
  ])('is refused with a message naming both accepted shapes and aws-amplify v6 (%s)', (key, config) => {
    const error = errorOf(config);
    expect(error.message).toContain(`'${key}'`);
    expect(error.message).toContain('aws-amplify v6');
    expect(error.message).toContain('auth.plugins.awsCognitoAuthPlugin');
    expect(error.message).toContain('amplify_outputs.json');
    expect(error.message).toContain('aws_region');
    expect(error.recoverySuggestion).toContain('auth.identity_pool_id');
  });
});

describe('allowInsecureEndpoint', () => {
  it('lets plain http:// reach a container host, and is needed for it', () => {
    const endpoint = `http://cognito-emulator:${++uniquePort}`;
    expect(errorOf(identityPool({ Endpoint: endpoint })).message).toContain(`${IDP}.Endpoint`);
    expect(errorOf(identityPool({ Endpoint: endpoint })).recoverySuggestion).toContain(
      'allowInsecureEndpoint',
    );
    const parsed = parseAmplifyConfiguration(
      identityPool({ Endpoint: endpoint, allowInsecureEndpoint: true }),
    );
    expect(JSON.stringify(parsed)).toContain(endpoint);
  });

  it('still refuses user info, other protocols and a non-boolean flag', () => {
    for (const Endpoint of ['http://user:pw@cognito:9231', 'ftp://cognito', 'not a url']) {
      expect(errorOf(identityPool({ Endpoint, allowInsecureEndpoint: true })).message).toContain(
        `${IDP}.Endpoint`,
      );
    }
    expect(
      errorOf(identityPool({ Endpoint: 'https://x.example.com', allowInsecureEndpoint: 'yes' })).message,
    ).toContain(`${IDP}.allowInsecureEndpoint`);
  });

  it('logs one warning per insecure endpoint, however often it is configured, and none for loopback', () => {
    const logs = captureLogs('WARN');
    try {
      const endpoint = `http://10.0.0.7:${++uniquePort}`;
      for (let i = 0; i < 3; i++) {
        parseAmplifyConfiguration(identityPool({ Endpoint: endpoint, allowInsecureEndpoint: true }));
      }
      parseAmplifyConfiguration(
        identityPool({ Endpoint: 'http://127.0.0.1:9231', allowInsecureEndpoint: true }),
      );
      parseAmplifyConfiguration(
        identityPool({ Endpoint: 'https://c.example.com', allowInsecureEndpoint: true }),
      );
      expect(logs.entries.map((entry) => entry.message)).toEqual([expect.stringContaining(endpoint)]);
      expect(logs.entries[0]!.level).toBe('WARN');
    } finally {
      logs.restore();
    }
  });

  it('has an amplify_outputs.json form: allow_insecure_endpoint for both endpoints', () => {
    const port = ++uniquePort;
    const outputs: AmplifyOutputs = {
      auth: {
        aws_region: 'us-east-1',
        identity_pool_id: IDENTITY_POOL_ID,
        identity_pool_endpoint: `http://identity:${port}`,
        user_pool_id: 'us-east-1_AbC123',
        user_pool_client_id: 'client',
        user_pool_endpoint: `http://userpool:${port}`,
      },
    };
    expect(errorOf(outputs).message).toContain('auth.identity_pool_endpoint');
    const parsed = parseAmplifyConfiguration({
      ...outputs,
      auth: { ...outputs.auth!, allow_insecure_endpoint: true },
    });
    const section = parsed.auth!.plugins!.awsCognitoAuthPlugin!;
    expect(section.CredentialsProvider!.CognitoIdentity!.Default).toMatchObject({
      Endpoint: `http://identity:${port}`,
      allowInsecureEndpoint: true,
    });
    expect(section.CognitoUserPool!.Default).toMatchObject({
      Endpoint: `http://userpool:${port}`,
      allowInsecureEndpoint: true,
    });
    expect(errorOf({ ...outputs, auth: { ...outputs.auth!, allow_insecure_endpoint: 1 } }).message).toContain(
      'auth.allow_insecure_endpoint',
    );
  });
});

describe('amplify_outputs.json keys Plugboard does not use', () => {
  const outputs = {
    version: '1.3',
    auth: {
      aws_region: 'us-east-1',
      identity_pool_id: IDENTITY_POOL_ID,
      unauthenticated_identities_enabled: false,
      oauth: { domain: 'x.auth.us-east-1.amazoncognito.com' },
      mfa_configuration: 'OPTIONAL',
      password_policy: { min_length: 8 },
    },
    data: { url: 'https://api.example.com/graphql' },
  };

  it('are logged once, at info level, by name (values are not shown)', () => {
    const logs = captureLogs('INFO');
    try {
      parseAmplifyConfiguration(outputs);
      parseAmplifyConfiguration(outputs);
      const ignored = logs.entries.filter((entry) => entry.message.includes('does not use'));
      expect(ignored).toHaveLength(1);
      expect(ignored[0]!.level).toBe('INFO');
      for (const key of ['data', 'auth.mfa_configuration', 'auth.password_policy']) {
        expect(ignored[0]!.message).toContain(key);
      }
      expect(ignored[0]!.message).not.toContain('unauthenticated_identities_enabled');
      expect(ignored[0]!.message).not.toContain('auth.oauth'); // the hosted UI: mapped, not ignored
      expect(ignored[0]!.message).not.toContain('amazoncognito.com');
    } finally {
      logs.restore();
    }
  });

  it('maps unauthenticated_identities_enabled to AllowUnauthenticatedIdentities on the identity pool', () => {
    const parsed = parseAmplifyConfiguration(outputs);
    expect(parsed.auth!.plugins!.awsCognitoAuthPlugin!.CredentialsProvider!.CognitoIdentity!.Default).toEqual(
      {
        PoolId: IDENTITY_POOL_ID,
        Region: 'us-east-1',
        AllowUnauthenticatedIdentities: false,
      },
    );
    expect(
      errorOf({ ...outputs, auth: { ...outputs.auth, unauthenticated_identities_enabled: 'no' } }).message,
    ).toContain('auth.unauthenticated_identities_enabled');
    expect(errorOf(identityPool({ AllowUnauthenticatedIdentities: 0 })).message).toContain(
      `${IDP}.AllowUnauthenticatedIdentities`,
    );
  });
});
