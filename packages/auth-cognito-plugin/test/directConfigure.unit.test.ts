import { ConfigurationException } from '@plugboard/core';
import { createPluginContext } from '@plugboard/core/internals';
import { AWSCognitoAuthPlugin } from '../src';

/** Issue 22 class 3 (plugin part): `plugin.configure(section)` keeps a frozen own-properties snapshot. */
const POOL = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001';
const context = () => createPluginContext('auth', 'awsCognitoAuthPlugin');

describe('plugin.configure, called directly', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).Endpoint;
  });

  it('reads a getter once: the checks and the runtime see the same value', () => {
    let reads = 0;
    const pool = {
      get PoolId() {
        reads += 1;
        return reads === 1 ? POOL : 'not-a-pool-id';
      },
      Region: 'us-east-1',
    };
    const plugin = new AWSCognitoAuthPlugin();
    plugin.configure({ CredentialsProvider: { CognitoIdentity: { Default: pool } } }, context() as never);
    expect(reads).toBe(1);
  });

  it('refuses an absurd shape cheaply (a sparse array of length 2^32-1) with a ConfigurationException', () => {
    const huge: unknown[] = [];
    huge.length = 2 ** 32 - 1;
    const plugin = new AWSCognitoAuthPlugin();
    expect(() =>
      plugin.configure(
        {
          CredentialsProvider: {
            CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1', x: huge } },
          },
        },
        context() as never,
      ),
    ).toThrow(ConfigurationException);
  });

  it('ignores a polluted Object.prototype.Endpoint', () => {
    (Object.prototype as Record<string, unknown>).Endpoint = 'http://evil.example/';
    const plugin = new AWSCognitoAuthPlugin();
    expect(() =>
      plugin.configure(
        { CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1' } } } },
        context() as never,
      ),
    ).not.toThrow();
  });
});
