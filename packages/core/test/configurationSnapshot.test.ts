import { inspect } from 'node:util';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { Amplify, ConfigurationException, type AmplifyConfiguration } from '../src/index.js';
import { FakeAuthPlugin } from './support/FakeAuthPlugin.js';

const IDENTITY_POOL_ID = 'us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c';
const SECRET = 'k7Qz9VbY3xWm1NpR5tLc8HdJ2fGs6AaE4uKo0iPy';

/** A valid amplifyconfiguration.json with both pools, built fresh so tests can mutate it. */
function validConfig(secret = SECRET) {
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: IDENTITY_POOL_ID, Region: 'us-east-1', Endpoint: 'http://127.0.0.1:9231' },
            },
          },
          CognitoUserPool: {
            Default: {
              PoolId: 'us-east-1_AbC123',
              AppClientId: '4abc5def6ghi',
              AppClientSecret: secret,
              Region: 'us-east-1',
            },
          },
        },
      },
    },
  };
}

/** The paths of every object (not leaf) inside `value`, as key lists. */
function objectPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return [path, ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...path, key]))];
}

function at(root: unknown, path: string[]): Record<string, unknown> {
  return path.reduce((node, key) => (node as Record<string, unknown>)[key], root) as Record<string, unknown>;
}

function configureError(config: unknown): unknown {
  try {
    Amplify.configure(config as AmplifyConfiguration);
  } catch (error) {
    return error;
  }
  return undefined;
}

let plugin: FakeAuthPlugin;
beforeEach(() => {
  plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
  Amplify.addPlugin(plugin);
});
afterEach(async () => {
  await Amplify.reset();
});

describe('Amplify.configure keeps a frozen copy', () => {
  it('is unaffected by any later change to the app object, and hands the plugin that frozen copy', async () => {
    const setup = validConfig();
    const paths = objectPaths(setup);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: paths.length - 1 }),
            fc.string({ maxLength: 8 }),
            fc.oneof(fc.string(), fc.constant(undefined), fc.constant({ PoolId: 'evil' }), fc.integer()),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (edits) => {
          await Amplify.reset();
          plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
          Amplify.addPlugin(plugin);
          const config = validConfig();
          const expected = JSON.parse(JSON.stringify(config)) as ReturnType<typeof validConfig>;
          Amplify.configure(config);
          const targets = edits.map(([index]) => at(config, paths[index]!));
          for (const [i, [, key, value]] of edits.entries()) {
            const target = targets[i]!;
            const victim = Object.keys(target)[0] ?? key;
            target[victim] = value;
            target[key] = value;
          }
          const section = plugin.configureCalls[0]!.section;
          expect(section).toEqual(expected.auth.plugins.awsCognitoAuthPlugin);
          expect(Amplify.getConfig()).toEqual(expected);
          for (const path of objectPaths(section)) expect(Object.isFrozen(at(section, path))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads each getter once: a getter that changes its answer cannot split validation from use', () => {
    const config = validConfig();
    const pool = config.auth.plugins.awsCognitoAuthPlugin.CredentialsProvider.CognitoIdentity.Default;
    let reads = 0;
    Object.defineProperty(pool, 'Endpoint', {
      enumerable: true,
      get: () => (++reads === 1 ? 'https://cognito.example.com' : 'http://attacker.example.com'),
    });
    Amplify.configure(config);
    expect(reads).toBe(1);
    expect(JSON.stringify(plugin.configureCalls[0]!.section)).toContain('https://cognito.example.com');
    expect(JSON.stringify(Amplify.getConfig())).not.toContain('attacker');
  });

  it('accepts objects from another realm and keeps a `__proto__` key as data, in an object without a prototype', () => {
    const config = runInNewContext(`(${JSON.stringify(validConfig())})`) as Record<string, unknown>;
    const extras = JSON.parse('{"__proto__": {"polluted": true}, "answer": 1}') as unknown;
    (config.auth as { plugins: Record<string, unknown> }).plugins.other = extras;
    Amplify.configure(config as AmplifyConfiguration);
    const other = Amplify.getConfig()!.auth!.plugins!.other as Record<string, unknown>;
    expect(Object.getPrototypeOf(other)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(other, '__proto__')).toBe(true);
  });
});

/** Values that are not configuration data, each paired with what they are. */
const hostileValues: [string, () => unknown][] = [
  [
    'a throwing getter (Error)',
    () =>
      Object.defineProperty({}, 'x', {
        enumerable: true,
        get: () => {
          throw new Error('boom');
        },
      }),
  ],
  [
    'a getter throwing a string',
    () =>
      Object.defineProperty({}, 'x', {
        enumerable: true,
        get: () => {
          throw 'nope';
        },
      }),
  ],
  [
    'a getter throwing a Proxy',
    () =>
      Object.defineProperty({}, 'x', {
        enumerable: true,
        get: () => {
          throw new Proxy(
            {},
            {
              get: () => {
                throw new Error('trap');
              },
            },
          );
        },
      }),
  ],
  [
    'a Proxy whose get throws',
    () =>
      new Proxy(
        { a: 1 },
        {
          get: () => {
            throw new Error('get trap');
          },
        },
      ),
  ],
  [
    'a Proxy whose ownKeys throws',
    () =>
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('ownKeys');
          },
        },
      ),
  ],
  [
    'a Proxy whose getPrototypeOf throws',
    () =>
      new Proxy(
        {},
        {
          getPrototypeOf: () => {
            throw new Error('proto');
          },
        },
      ),
  ],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  ],
  [
    'a cycle',
    () => {
      const o: Record<string, unknown> = {};
      o.self = o;
      return o;
    },
  ],
  [
    'a class instance',
    () =>
      new (class Settings {
        a = 1;
      })(),
  ],
  ['a Map', () => new Map([['a', 1]])],
  ['a Date', () => new Date(0)],
  ['a function', () => () => 1],
  ['a symbol', () => Symbol('s')],
  ['a bigint', () => 10n],
  [
    'nesting 100 levels deep',
    () => {
      let o: unknown = 1;
      for (let i = 0; i < 100; i++) o = { o };
      return o;
    },
  ],
];

describe('Amplify.configure with values that are not data', () => {
  it('always throws a ConfigurationException with a recovery, never a raw error, and configures nothing', () => {
    const paths = objectPaths(validConfig());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.integer({ min: 0, max: hostileValues.length - 1 }),
        fc.boolean(),
        (pathIndex, valueIndex, replaceWhole) => {
          const config = validConfig();
          const [, make] = hostileValues[valueIndex]!;
          const target = at(config, paths[pathIndex]!);
          const key = replaceWhole ? (Object.keys(target)[0] ?? 'extra') : 'extra';
          target[key] = make();
          const error = configureError(config);
          expect(error).toBeInstanceOf(ConfigurationException);
          expect((error as ConfigurationException).recoverySuggestion.length).toBeGreaterThan(10);
          expect((error as ConfigurationException).message).toContain('Invalid configuration at');
          expect(plugin.configureCalls).toEqual([]);
          expect(Amplify.isConfigured).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each(hostileValues)('names the path of %s', (_name, make) => {
    const config = validConfig();
    (config.auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.Default as Record<string, unknown>).Extra =
      make();
    const error = configureError(config) as ConfigurationException;
    expect(error).toBeInstanceOf(ConfigurationException);
    expect(error.message).toContain('auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.Default.Extra');
  });

  it('keeps what a getter threw as the cause', () => {
    const problem = new Error('getter failed');
    const config = validConfig();
    Object.defineProperty(config.auth.plugins, 'awsCognitoAuthPlugin', {
      enumerable: true,
      get: () => {
        throw problem;
      },
    });
    const error = configureError(config) as ConfigurationException;
    expect(error.cause).toBe(problem);
    expect(error.message).toContain('auth.plugins.awsCognitoAuthPlugin');
  });

  it('refuses a Proxy around the whole configuration whose traps throw', () => {
    const error = configureError(
      new Proxy(validConfig(), {
        ownKeys: () => {
          throw new Error('no keys for you');
        },
      }),
    );
    expect(error).toBeInstanceOf(ConfigurationException);
  });
});

describe('secrets in the configuration', () => {
  const views = (value: unknown): string[] => [
    inspect(value, { depth: Infinity }),
    inspect(value, { depth: Infinity, showHidden: true }),
    JSON.stringify(value),
    String(JSON.stringify({ wrapped: [value] })),
  ];

  it('never shows AppClientSecret when Amplify, its configuration or the plugin section is printed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+/]{12,60}$/), (secret) => {
        Amplify.configure(validConfig(secret));
        const section = plugin.configureCalls.at(-1)!.section;
        for (const view of [...views(Amplify), ...views(Amplify.getConfig()), ...views(section)]) {
          expect(view).not.toContain(secret);
        }
        // Code that needs the secret still reads it.
        expect(
          (section as ReturnType<typeof validConfig>['auth']['plugins']['awsCognitoAuthPlugin'])
            .CognitoUserPool.Default.AppClientSecret,
        ).toBe(secret);
      }),
      { numRuns: 40 },
    );
  });

  it('shows what Amplify holds without its configuration', () => {
    Amplify.configure(validConfig());
    expect(inspect(Amplify)).toBe(
      "AmplifyClass { configured: true, plugins: { auth: ['awsCognitoAuthPlugin'], storage: [] } }",
    );
    expect(JSON.parse(JSON.stringify(Amplify))).toEqual({
      configured: true,
      plugins: { auth: ['awsCognitoAuthPlugin'], storage: [] },
    });
  });
});

describe('Amplify.configure with something that is not an object', () => {
  it.each([
    ['null', null],
    ['a string', 'config'],
    ['an array', []],
    [
      'a revoked Proxy',
      (() => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      })(),
    ],
  ])('refuses %s with a ConfigurationException naming the accepted shapes', (_name, value) => {
    const error = configureError(value) as ConfigurationException;
    expect(error).toBeInstanceOf(ConfigurationException);
    expect(error.message).toMatch(/amplifyconfiguration\.json|Invalid configuration at \(root\)/);
  });
});
