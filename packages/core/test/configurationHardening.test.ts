import { Amplify, ConfigurationException, type AmplifyConfiguration } from '../src/index.js';
import { freezePluginConfiguration, isAllowedEndpoint, isLoopbackHost } from '../src/internals.js';
import { MAX_ENTRIES, MAX_VALUES } from '../src/config/snapshotConfiguration.js';
import { FakeAuthPlugin } from './support/FakeAuthPlugin.js';

const POOL_ID = 'us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c';
const SECTION_PATH = 'auth.plugins.awsCognitoAuthPlugin';

/** An identity pool section without an endpoint: the region's AWS endpoint applies. */
const section = (pool: Record<string, unknown> = {}) => ({
  CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL_ID, Region: 'us-east-1', ...pool } } },
});
const config = (pool?: Record<string, unknown>): AmplifyConfiguration => ({
  auth: { plugins: { awsCognitoAuthPlugin: section(pool) } },
});
const outputs = (auth: Record<string, unknown> = {}) => ({
  version: '1.4',
  auth: { aws_region: 'us-east-1', identity_pool_id: POOL_ID, ...auth },
});

type Pool = { Endpoint?: unknown; allowInsecureEndpoint?: unknown };
const poolOf = (value: unknown): Pool =>
  (value as { CredentialsProvider: { CognitoIdentity: { Default: Pool } } }).CredentialsProvider
    .CognitoIdentity.Default;

/** Runs `body` with `Object.prototype` polluted by `keys`, and cleans up whatever happens. */
function polluted(keys: Record<string, unknown>, body: () => void): void {
  const prototype = Object.prototype as Record<string, unknown>;
  for (const [key, value] of Object.entries(keys)) prototype[key] = value;
  try {
    body();
  } finally {
    for (const key of Object.keys(keys)) delete prototype[key];
  }
}

const POLLUTION = { Endpoint: 'http://attacker.example', allowInsecureEndpoint: true };

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Every object in `value` is frozen and has no prototype (arrays keep theirs). */
function expectFrozenWithoutPrototypes(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value)).toBe(true);
  if (!Array.isArray(value)) expect(Object.getPrototypeOf(value)).toBeNull();
  for (const item of Object.values(value)) expectFrozenWithoutPrototypes(item);
}

let plugin: FakeAuthPlugin;
beforeEach(() => {
  plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
  Amplify.addPlugin(plugin);
});
afterEach(async () => {
  await Amplify.reset();
});

describe('prototype pollution changes no configuration', () => {
  it('Amplify.configure (amplifyconfiguration.json): a polluted Endpoint is not read, nor handed to the plugin', () => {
    polluted(POLLUTION, () => {
      Amplify.configure(config());
      const handed = plugin.configureCalls[0]!.section;
      expect(poolOf(handed).Endpoint).toBeUndefined();
      expect(poolOf(handed).allowInsecureEndpoint).toBeUndefined();
      expect(poolOf(Amplify.getConfig()!.auth!.plugins!.awsCognitoAuthPlugin).Endpoint).toBeUndefined();
      expectFrozenWithoutPrototypes(Amplify.getConfig());
    });
  });

  it('Amplify.configure (amplify_outputs.json): the converted section has no polluted Endpoint either', () => {
    polluted({ ...POLLUTION, identity_pool_endpoint: 'http://attacker.example' }, () => {
      Amplify.configure(outputs());
      expect(poolOf(plugin.configureCalls[0]!.section).Endpoint).toBeUndefined();
      expectFrozenWithoutPrototypes(Amplify.getConfig());
    });
  });

  it('a polluted allowInsecureEndpoint does not let a plain-http remote Endpoint through', () => {
    polluted({ allowInsecureEndpoint: true, allow_insecure_endpoint: true }, () => {
      expect(() => Amplify.configure(config({ Endpoint: 'http://cognito.example.com' }))).toThrow(
        `${SECTION_PATH}.CredentialsProvider.CognitoIdentity.Default.Endpoint`,
      );
      expect(() =>
        Amplify.configure(outputs({ identity_pool_endpoint: 'http://cognito.example.com' })),
      ).toThrow('auth.identity_pool_endpoint');
    });
  });

  it('a hole in an array reads as undefined, not as a polluted index', () => {
    polluted({ 0: 'polluted' }, () => {
      const holey: unknown[] = [];
      holey[1] = 'b';
      Amplify.configure({ ...config(), custom: { plugins: { p: { list: holey } } } } as AmplifyConfiguration);
      const list = (Amplify.getConfig() as { custom: { plugins: { p: { list: unknown[] } } } }).custom.plugins
        .p.list;
      expect(Object.hasOwn(list, 0)).toBe(true);
      expect(list[0]).toBeUndefined();
    });
  });

  it('the restore after a refused reconfigure hands back the frozen copy, still without polluted keys', () => {
    const other = new FakeAuthPlugin('other');
    Amplify.addPlugin(other);
    Amplify.configure(config());
    polluted(POLLUTION, () => {
      other.configureError = new Error('refused');
      expect(() => Amplify.configure(config())).toThrow(ConfigurationException);
      // awsCognitoAuthPlugin got the new section, then (other refused) the previous one again.
      const restored = plugin.configureCalls.at(-1)!.section;
      expect(plugin.configureCalls).toHaveLength(3);
      expect(restored).toBe(plugin.configureCalls[0]!.section);
      expect(poolOf(restored).Endpoint).toBeUndefined();
      expectFrozenWithoutPrototypes(restored);
    });
  });
});

describe('freezePluginConfiguration (a plugin configured directly)', () => {
  it('copies own properties into frozen objects without prototypes; the caller object stays its own', () => {
    const given = section({ Endpoint: 'http://127.0.0.1:9231' });
    const copy = freezePluginConfiguration(given, SECTION_PATH);
    poolOf(given).Endpoint = 'https://changed.example';
    expect(poolOf(copy).Endpoint).toBe('http://127.0.0.1:9231');
    expectFrozenWithoutPrototypes(copy);
    expect(Object.isFrozen(given)).toBe(false);
  });

  it('ignores a polluted prototype', () => {
    polluted(POLLUTION, () => {
      expect(poolOf(freezePluginConfiguration(section(), SECTION_PATH)).Endpoint).toBeUndefined();
    });
  });

  it('names the section path in its refusals', () => {
    const error = thrown(() => freezePluginConfiguration({ Auth: new Map() }, SECTION_PATH));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as Error).message).toContain(`${SECTION_PATH}.Auth`);
  });
});

describe('absurd shapes are refused cheaply, on every path', () => {
  const sparse = (): unknown[] => {
    const list: unknown[] = [];
    list.length = 2 ** 32 - 1;
    return list;
  };
  const configureWith = (value: unknown) => () =>
    Amplify.configure({ ...config(), custom: { plugins: { p: { value } } } } as AmplifyConfiguration);

  it.each([
    ['a sparse array of length 2^32-1', sparse, 'custom.plugins.p.value'],
    [
      `an array of ${MAX_ENTRIES + 1} items`,
      () => Array<number>(MAX_ENTRIES + 1).fill(1),
      'custom.plugins.p.value',
    ],
    [
      `an object with ${MAX_ENTRIES + 1} keys`,
      () => Object.fromEntries([...Array(MAX_ENTRIES + 1).keys()].map((k) => [k, k])),
      'value',
    ],
    [
      'an array whose length a Proxy inflates',
      () => new Proxy([], { get: (t, k) => (k === 'length' ? 1e9 : undefined) }),
      'value',
    ],
    [
      `more than ${MAX_VALUES} values`,
      () => Array.from({ length: MAX_VALUES / 1000 + 1 }, () => Array<number>(1000).fill(0)),
      'custom.plugins.p.value',
    ],
  ])('Amplify.configure refuses %s with a ConfigurationException', (_name, make, path) => {
    const error = thrown(configureWith(make()));
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).message).toContain(path);
    expect((error as ConfigurationException).recoverySuggestion).toBeTruthy();
    expect(Amplify.isConfigured).toBe(false);
  });

  it('freezePluginConfiguration and amplify_outputs.json refuse the sparse array too', () => {
    expect(() => freezePluginConfiguration({ Scopes: sparse() }, SECTION_PATH)).toThrow(
      `${SECTION_PATH}.Scopes`,
    );
    expect(() =>
      Amplify.configure(outputs({ oauth: { domain: 'x.example', redirect_sign_in_uri: sparse() } })),
    ).toThrow(ConfigurationException);
  });

  it('accepts the largest arrays it allows', () => {
    Amplify.configure({
      ...config(),
      custom: { plugins: { p: Array<number>(MAX_ENTRIES).fill(1) } },
    } as AmplifyConfiguration);
    expect(Amplify.isConfigured).toBe(true);
  });
});

describe('IPv4-mapped IPv6 loopback', () => {
  it.each([
    'http://[::ffff:127.0.0.1]:9231',
    'http://[::ffff:7f00:1]',
    'http://[0:0:0:0:0:ffff:127.0.0.2]/',
    'http://[::ffff:7fff:fffe]',
    'http://[0:0:0:0:0:0:0:1]:8080',
  ])('accepts %s as a plain-http endpoint, in Amplify.configure too', (endpoint) => {
    expect(isLoopbackHost(new URL(endpoint).hostname)).toBe(true);
    expect(isAllowedEndpoint(endpoint)).toBe(true);
    Amplify.configure(config({ Endpoint: endpoint }));
    expect(poolOf(plugin.configureCalls.at(-1)!.section).Endpoint).toBe(endpoint);
  });

  it.each([
    'http://[::ffff:10.0.0.1]',
    'http://[::ffff:a00:1]',
    'http://[::ffff:8000:1]',
    'http://[::127.0.0.1]',
    'http://[64:ff9b::7f00:1]',
    'http://[1::1]',
    'http://[::2]',
    'http://[::]',
    'http://[0:0:0:0:1:ffff:7f00:1]',
  ])('refuses %s', (endpoint) => {
    expect(isLoopbackHost(new URL(endpoint).hostname)).toBe(false);
    expect(() => Amplify.configure(config({ Endpoint: endpoint }))).toThrow(ConfigurationException);
  });

  it.each([
    '::ffff:7f00:1',
    '[::FFFF:127.0.0.1]',
    '0000:0000:0000:0000:0000:0000:0000:0001',
    '0:0:0:0:0:ffff:7f00:0',
    '::ffff:127.255.255.255',
  ])('accepts the host %s as written', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each([
    '::ffff:127.0.0.256',
    ':::1',
    '::1::',
    '1:2:3:4:5:6:7:8:9',
    '::ffff:127.0.0',
    'fe80::1%lo0',
    '::1%lo',
    '::ffff:0:7f00:1',
    '::1]@example.com',
    '::1]/[',
  ])('refuses the malformed or scoped host %s', (host) => expect(isLoopbackHost(host)).toBe(false));
});
