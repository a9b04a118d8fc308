import { Amplify, ConfigurationException, type AmplifyConfiguration } from '../src/index.js';
import { FakeAuthPlugin } from './support/FakeAuthPlugin.js';

function poolConfig(poolId: string, extra: Record<string, unknown> = {}): AmplifyConfiguration {
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: { CognitoIdentity: { Default: { PoolId: poolId, Region: 'us-east-1' } } },
        },
        ...extra,
      },
    },
  };
}
const FIRST = 'us-east-1:00000000-0000-0000-0000-000000000001';
const SECOND = 'us-east-1:00000000-0000-0000-0000-000000000002';

function poolIdOf(section: unknown): string {
  return (section as { CredentialsProvider: { CognitoIdentity: { Default: { PoolId: string } } } })
    .CredentialsProvider.CognitoIdentity.Default.PoolId;
}

afterEach(async () => {
  await Amplify.reset();
});

describe('Amplify.configure called again (hot reload)', () => {
  it('configures the same plugin instances again with the new sections, without resetting them', () => {
    const cognito = new FakeAuthPlugin('awsCognitoAuthPlugin');
    const other = new FakeAuthPlugin('other');
    Amplify.addPlugin(cognito);
    Amplify.addPlugin(other);
    Amplify.configure(poolConfig(FIRST, { other: { n: 1 } }));
    Amplify.configure(poolConfig(SECOND, { other: { n: 2 } }));
    expect(cognito.configureCalls.map((call) => poolIdOf(call.section))).toEqual([FIRST, SECOND]);
    expect(other.configureCalls.map((call) => call.section)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(cognito.resetCalls + other.resetCalls).toBe(0);
    expect(poolIdOf(Amplify.getConfig()!.auth!.plugins!.awsCognitoAuthPlugin)).toBe(SECOND);
    expect(Amplify.Auth.isConfigured).toBe(true);
  });

  it('keeps the previous configuration when the new one is invalid, calling no plugin', () => {
    const cognito = new FakeAuthPlugin('awsCognitoAuthPlugin');
    Amplify.addPlugin(cognito);
    Amplify.configure(poolConfig(FIRST));
    expect(() => Amplify.configure(poolConfig('not-a-pool'))).toThrow(ConfigurationException);
    expect(cognito.configureCalls).toHaveLength(1);
    expect(poolIdOf(Amplify.getConfig()!.auth!.plugins!.awsCognitoAuthPlugin)).toBe(FIRST);
    expect(Amplify.isConfigured).toBe(true);
  });

  it('gives plugins the previous configuration back when one of them refuses the new one', async () => {
    const first = new FakeAuthPlugin('awsCognitoAuthPlugin');
    const second = new FakeAuthPlugin('second');
    Amplify.addPlugin(first);
    Amplify.addPlugin(second);
    Amplify.configure(poolConfig(FIRST, { second: { ok: true } }));
    second.configureError = new Error('second refuses');

    expect(() => Amplify.configure(poolConfig(SECOND, { second: { ok: false } }))).toThrow(
      "Plugin 'second' refused its configuration",
    );

    // first took SECOND, then was given FIRST back; second's restore call fails too (it still
    // throws), so Amplify falls back to a clean unconfigured state and resets both.
    expect(first.configureCalls.map((call) => poolIdOf(call.section))).toEqual([FIRST, SECOND, FIRST]);
    expect(Amplify.isConfigured).toBe(false);
    await Amplify.reset();
    expect(first.resetCalls).toBeGreaterThanOrEqual(1);
  });

  it('keeps the previous configuration in effect when every plugin accepts it back', () => {
    const first = new FakeAuthPlugin('awsCognitoAuthPlugin');
    const flaky = new FakeAuthPlugin('flaky');
    let refuse = false;
    const configure = flaky.configure.bind(flaky);
    flaky.configure = (section, context) => {
      configure(section, context);
      if (refuse && (section as { v: number }).v === 2) throw new Error('v2 refused');
    };
    Amplify.addPlugin(first);
    Amplify.addPlugin(flaky);
    Amplify.configure(poolConfig(FIRST, { flaky: { v: 1 } }));
    refuse = true;
    expect(() => Amplify.configure(poolConfig(SECOND, { flaky: { v: 2 } }))).toThrow(ConfigurationException);
    expect(Amplify.isConfigured).toBe(true);
    expect(poolIdOf(Amplify.getConfig()!.auth!.plugins!.awsCognitoAuthPlugin)).toBe(FIRST);
    expect(first.configureCalls.map((call) => poolIdOf(call.section))).toEqual([FIRST, SECOND, FIRST]);
    expect(flaky.configureCalls.map((call) => call.section)).toEqual([{ v: 1 }, { v: 2 }, { v: 1 }]);
    expect(first.resetCalls + flaky.resetCalls).toBe(0);
  });

  it('still refuses plugins added after configure (reconfiguring keeps the same plugins)', () => {
    Amplify.addPlugin(new FakeAuthPlugin('awsCognitoAuthPlugin'));
    Amplify.configure(poolConfig(FIRST));
    expect(() => Amplify.addPlugin(new FakeAuthPlugin('late'))).toThrow(ConfigurationException);
  });

  it('refuses a configure started from inside a plugin configure', () => {
    const plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
    let inner: unknown;
    plugin.configure = () => {
      try {
        Amplify.configure(poolConfig(SECOND));
      } catch (error) {
        inner = error;
      }
    };
    Amplify.addPlugin(plugin);
    Amplify.configure(poolConfig(FIRST));
    expect(inner).toBeInstanceOf(ConfigurationException);
    expect(poolIdOf(Amplify.getConfig()!.auth!.plugins!.awsCognitoAuthPlugin)).toBe(FIRST);
  });
});
