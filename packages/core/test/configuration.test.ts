import { ConfigurationException, type AmplifyConfiguration, type AmplifyOutputs } from '../src/index.js';
import {
  isAllowedEndpoint,
  isAmplifyOutputs,
  isLoopbackHost,
  isValidIdentityPoolId,
  isValidRegion,
  isValidUserPoolId,
  isValidatedSection,
  normalizeAmplifyOutputs,
  parseAmplifyConfiguration,
  validateCognitoAuthPluginConfig,
} from '../src/internals.js';

const IDENTITY_POOL_ID = 'us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c';
const ROOT = 'auth.plugins.awsCognitoAuthPlugin';
const IDP = `${ROOT}.CredentialsProvider.CognitoIdentity.Default`;
const UP = `${ROOT}.CognitoUserPool.Default`;

function validSection() {
  return {
    CredentialsProvider: {
      CognitoIdentity: {
        Default: { PoolId: IDENTITY_POOL_ID, Region: 'us-east-1', Endpoint: 'http://127.0.0.1:9231' },
      },
    },
    CognitoUserPool: {
      Default: {
        PoolId: 'us-east-1_AbC123',
        AppClientId: '4abc5def6ghi',
        Region: 'us-east-1',
        Endpoint: 'http://localhost:9229',
      },
    },
  };
}

function configWith(section: unknown): AmplifyConfiguration {
  return { auth: { plugins: { awsCognitoAuthPlugin: section as never } } };
}

/** Runs parse and returns the ConfigurationException message, failing if it does not throw one. */
function failureOf(config: unknown): string {
  try {
    parseAmplifyConfiguration(config as AmplifyConfiguration);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).recoverySuggestion).not.toBe('');
    return (error as ConfigurationException).message;
  }
  throw new Error('expected a ConfigurationException');
}

describe('parseAmplifyConfiguration', () => {
  describe('amplifyconfiguration.json shape', () => {
    it('accepts a full section and returns an equal frozen copy, leaving the input alone', () => {
      const config = configWith(validSection());
      const parsed = parseAmplifyConfiguration(config);
      expect(parsed).toEqual(config);
      expect(parsed).not.toBe(config);
      expect(Object.isFrozen(parsed.auth!.plugins!.awsCognitoAuthPlugin)).toBe(true);
      expect(Object.isFrozen(config.auth!.plugins!.awsCognitoAuthPlugin)).toBe(false);
    });

    it('accepts an identity-pool-only section', () => {
      const { CredentialsProvider } = validSection();
      expect(() => parseAmplifyConfiguration(configWith({ CredentialsProvider }))).not.toThrow();
    });

    it('accepts a user-pool-only section', () => {
      const { CognitoUserPool } = validSection();
      expect(() => parseAmplifyConfiguration(configWith({ CognitoUserPool }))).not.toThrow();
    });

    it('accepts the cognito-local style user pool id', () => {
      const section = validSection();
      section.CognitoUserPool.Default.PoolId = 'local_4fRt2x';
      expect(() => parseAmplifyConfiguration(configWith(section))).not.toThrow();
    });

    it('accepts an empty configuration and categories without Cognito', () => {
      expect(parseAmplifyConfiguration({})).toEqual({});
      expect(() =>
        parseAmplifyConfiguration({ storage: { plugins: { s3: { bucket: 'b' } } } }),
      ).not.toThrow();
    });

    it('refuses a section with neither pool, naming the section', () => {
      expect(failureOf(configWith({}))).toContain(`at ${ROOT}:`);
      expect(failureOf(configWith({ CredentialsProvider: {} }))).toContain('neither');
    });

    it.each([
      [
        'identity pool PoolId',
        (s: ReturnType<typeof validSection>) =>
          (s.CredentialsProvider.CognitoIdentity.Default.PoolId = 'us-east-1-abc'),
        `${IDP}.PoolId`,
      ],
      [
        'identity pool PoolId with upper-case hex',
        (s: ReturnType<typeof validSection>) =>
          (s.CredentialsProvider.CognitoIdentity.Default.PoolId = 'us-east-1:ABCDEF'),
        `${IDP}.PoolId`,
      ],
      [
        'identity pool PoolId over 55 characters',
        (s: ReturnType<typeof validSection>) =>
          (s.CredentialsProvider.CognitoIdentity.Default.PoolId = `us-east-1:${'0'.repeat(50)}`),
        `${IDP}.PoolId`,
      ],
      [
        'identity pool Region',
        (s: ReturnType<typeof validSection>) =>
          (s.CredentialsProvider.CognitoIdentity.Default.Region = 'US East'),
        `${IDP}.Region`,
      ],
      [
        'identity pool Endpoint',
        (s: ReturnType<typeof validSection>) =>
          (s.CredentialsProvider.CognitoIdentity.Default.Endpoint = 'http://cognito.example.com'),
        `${IDP}.Endpoint`,
      ],
      [
        'user pool PoolId',
        (s: ReturnType<typeof validSection>) => (s.CognitoUserPool.Default.PoolId = 'us-east-1:abc'),
        `${UP}.PoolId`,
      ],
      [
        'user pool AppClientId',
        (s: ReturnType<typeof validSection>) => (s.CognitoUserPool.Default.AppClientId = ''),
        `${UP}.AppClientId`,
      ],
      [
        'user pool Region',
        (s: ReturnType<typeof validSection>) => (s.CognitoUserPool.Default.Region = 'useast1'),
        `${UP}.Region`,
      ],
      [
        'user pool Endpoint',
        (s: ReturnType<typeof validSection>) => (s.CognitoUserPool.Default.Endpoint = 'not a url'),
        `${UP}.Endpoint`,
      ],
    ])('refuses an invalid %s, naming the field', (_what, spoil, field) => {
      const section = validSection();
      spoil(section);
      expect(failureOf(configWith(section))).toContain(`at ${field}:`);
    });

    it('refuses a missing Region, naming the field', () => {
      const section = validSection() as { CognitoUserPool: { Default: Record<string, unknown> } };
      delete section.CognitoUserPool.Default.Region;
      expect(failureOf(configWith(section))).toContain(`${UP}.Region`);
    });

    it('refuses an empty AppClientSecret without quoting it', () => {
      const section = validSection() as { CognitoUserPool: { Default: Record<string, unknown> } };
      section.CognitoUserPool.Default.AppClientSecret = '   ';
      expect(failureOf(configWith(section))).toContain(`${UP}.AppClientSecret`);
    });

    it('refuses sections of the wrong type, naming them', () => {
      expect(failureOf({ auth: 'yes' })).toContain('at auth:');
      expect(failureOf({ auth: { plugins: [] } })).toContain('at auth.plugins:');
      expect(failureOf(configWith({ CognitoUserPool: { Default: 'x' } }))).toContain(
        `${ROOT}.CognitoUserPool.Default`,
      );
      expect(failureOf(configWith('x'))).toContain(`at ${ROOT}:`);
    });

    it('refuses a non-object configuration', () => {
      expect(() => parseAmplifyConfiguration(undefined as never)).toThrow(ConfigurationException);
      expect(() => parseAmplifyConfiguration([] as never)).toThrow(ConfigurationException);
    });

    it('accepts loopback http endpoints and any https endpoint', () => {
      for (const endpoint of [
        'http://127.0.0.1:9231',
        'http://127.8.9.10',
        'http://localhost:1',
        'http://[::1]:9',
        'https://cognito-identity.us-east-1.amazonaws.com',
      ]) {
        const section = validSection();
        section.CredentialsProvider.CognitoIdentity.Default.Endpoint = endpoint;
        expect(() => parseAmplifyConfiguration(configWith(section))).not.toThrow();
      }
    });

    it('refuses non-loopback http endpoints and other protocols', () => {
      for (const endpoint of [
        'http://10.0.0.1:9231',
        'http://localhost.example.com',
        'http://128.0.0.1',
        'ftp://127.0.0.1',
        'https://user:pw@example.com',
      ]) {
        const section = validSection();
        section.CredentialsProvider.CognitoIdentity.Default.Endpoint = endpoint;
        expect(failureOf(configWith(section))).toContain(`${IDP}.Endpoint`);
      }
    });
  });

  describe('amplify_outputs.json (Gen 2) shape', () => {
    const outputs: AmplifyOutputs = {
      version: '1.3',
      auth: {
        aws_region: 'us-west-2',
        identity_pool_id: 'us-west-2:1b2c3d4e-0000-1111-2222-333344445555',
        user_pool_id: 'us-west-2_XyZ789',
        user_pool_client_id: 'client123',
        identity_pool_endpoint: 'http://127.0.0.1:9231',
        user_pool_endpoint: 'https://idp.example.com',
        unauthenticated_identities_enabled: true,
      },
    };

    it('normalizes into the awsCognitoAuthPlugin section', () => {
      expect(parseAmplifyConfiguration(outputs)).toEqual({
        auth: {
          plugins: {
            awsCognitoAuthPlugin: {
              CredentialsProvider: {
                CognitoIdentity: {
                  Default: {
                    PoolId: 'us-west-2:1b2c3d4e-0000-1111-2222-333344445555',
                    Region: 'us-west-2',
                    Endpoint: 'http://127.0.0.1:9231',
                    AllowUnauthenticatedIdentities: true,
                  },
                },
              },
              CognitoUserPool: {
                Default: {
                  PoolId: 'us-west-2_XyZ789',
                  AppClientId: 'client123',
                  Region: 'us-west-2',
                  Endpoint: 'https://idp.example.com',
                },
              },
            },
          },
        },
      });
    });

    it('normalizes an identity-pool-only configuration without endpoints', () => {
      expect(
        normalizeAmplifyOutputs({ auth: { aws_region: 'eu-west-1', identity_pool_id: 'eu-west-1:abc-123' } }),
      ).toEqual({
        auth: {
          plugins: {
            awsCognitoAuthPlugin: {
              CredentialsProvider: {
                CognitoIdentity: { Default: { PoolId: 'eu-west-1:abc-123', Region: 'eu-west-1' } },
              },
            },
          },
        },
      });
    });

    it.each([
      ['aws_region', { aws_region: 'Mars' }],
      ['identity_pool_id', { identity_pool_id: 'nope' }],
      ['user_pool_id', { user_pool_id: 'nope' }],
      ['user_pool_client_id', { user_pool_client_id: '' }],
      ['identity_pool_endpoint', { identity_pool_endpoint: 'http://example.com' }],
      ['user_pool_endpoint', { user_pool_endpoint: 'http://192.168.1.2' }],
    ])('refuses an invalid %s, naming the Gen 2 field', (field, override) => {
      expect(failureOf({ ...outputs, auth: { ...outputs.auth, ...override } })).toContain(
        `at auth.${field}:`,
      );
    });

    it('refuses an auth section with neither pool', () => {
      expect(failureOf({ auth: { aws_region: 'us-east-1' } })).toContain('neither');
    });

    it('leaves an outputs file without auth empty', () => {
      expect(parseAmplifyConfiguration({ version: '1' })).toEqual({});
    });
  });
});

describe('isAmplifyOutputs', () => {
  it('tells the two shapes apart', () => {
    expect(isAmplifyOutputs({ auth: { aws_region: 'us-east-1' } })).toBe(true);
    expect(isAmplifyOutputs({ version: '1' })).toBe(true);
    expect(isAmplifyOutputs(configWith(validSection()))).toBe(false);
    expect(isAmplifyOutputs({ version: '1', auth: { plugins: {} } })).toBe(false);
    expect(isAmplifyOutputs(null)).toBe(false);
  });
});

describe('validateCognitoAuthPluginConfig', () => {
  it('uses the given path in messages, so the plugin can validate its own section', () => {
    expect(() =>
      validateCognitoAuthPluginConfig({ CognitoUserPool: { Default: { PoolId: 'x' } } }, 'section'),
    ).toThrow('section.CognitoUserPool.Default.PoolId');
  });
});

describe('validators', () => {
  describe('isLoopbackHost', () => {
    it.each([
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.255.255.254',
      '[::1]',
      '::1',
      'localhost.',
      '::ffff:127.0.0.1',
      '[::ffff:127.0.0.2]',
    ])('accepts %s', (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    });

    it.each([
      'example.com',
      '10.0.0.1',
      '127.0.0.256',
      '127.0.0',
      '0.0.0.0',
      '::2',
      'localhost.example.com',
      '1127.0.0.1',
      '::ffff:10.0.0.1',
      '[localhost]',
      '::ffff:localhost',
    ])('refuses %s', (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    });
  });

  describe('isAllowedEndpoint', () => {
    it('accepts https anywhere and http on loopback only', () => {
      expect(isAllowedEndpoint('https://example.com')).toBe(true);
      expect(isAllowedEndpoint('http://127.0.0.1:9231')).toBe(true);
      expect(isAllowedEndpoint('http://example.com')).toBe(false);
      expect(isAllowedEndpoint('')).toBe(false);
      expect(isAllowedEndpoint(42)).toBe(false);
    });
  });

  describe('pool ids and regions', () => {
    it('follow the AWS patterns', () => {
      expect(isValidIdentityPoolId(IDENTITY_POOL_ID)).toBe(true);
      expect(isValidIdentityPoolId('us-east-1_abc')).toBe(false);
      expect(isValidUserPoolId('us-east-1_AbC123')).toBe(true);
      expect(isValidUserPoolId('local_4fRt2x')).toBe(true);
      expect(isValidUserPoolId('us-east-1_')).toBe(false);
      expect(isValidRegion('ap-southeast-2')).toBe(true);
      expect(isValidRegion('us-gov-west-1')).toBe(true);
      expect(isValidRegion('us_east_1')).toBe(false);
      expect(isValidRegion('east')).toBe(false);
    });
  });
});

describe('isValidatedSection: one validation per Amplify.configure', () => {
  const section = {
    CredentialsProvider: {
      CognitoIdentity: {
        Default: { PoolId: 'us-east-1:0f9b8f2a-1d3c-4e5f-8a7b-6c5d4e3f2a1b', Region: 'us-east-1' },
      },
    },
  };

  it('marks the auth plugin section core validated and froze, in both file shapes', () => {
    const parsed = parseAmplifyConfiguration({ auth: { plugins: { awsCognitoAuthPlugin: section } } });
    const kept = parsed.auth?.plugins?.awsCognitoAuthPlugin;
    expect(Object.isFrozen(kept)).toBe(true);
    expect(isValidatedSection(kept)).toBe(true);
    const outputs = parseAmplifyConfiguration({
      auth: { aws_region: 'us-east-1', identity_pool_id: 'us-east-1:0f9b8f2a-1d3c-4e5f-8a7b-6c5d4e3f2a1b' },
    } as AmplifyOutputs);
    expect(isValidatedSection(outputs.auth?.plugins?.awsCognitoAuthPlugin)).toBe(true);
  });

  it('does not mark what core never checked: the caller object, a copy, a plain value', () => {
    parseAmplifyConfiguration({ auth: { plugins: { awsCognitoAuthPlugin: section } } });
    expect(isValidatedSection(section)).toBe(false);
    expect(isValidatedSection({ ...section })).toBe(false);
    expect(isValidatedSection(undefined)).toBe(false);
    expect(isValidatedSection('section')).toBe(false);
  });
});
