import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '../src/index.js';
import * as internals from '../src/internals.js';
import { Amplify, Hub, HubChannel, HubException } from '../src/index.js';
import { FakeAuthPlugin } from './support/FakeAuthPlugin.js';

const packageDir = join(__dirname, '..');

describe("@plugboard/core's main entry", () => {
  it('exports the public API only (API.md plus documented additions)', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'Amplify',
        'AmplifyClass',
        'AmplifyException',
        'AuthCategory',
        'AuthChannelEventName',
        'AuthException',
        'Category',
        'CategoryNotFoundException',
        'ConfigurationException',
        'DuplicatePluginException',
        'FileKeyValueStorage',
        'Hub',
        'HubCategory',
        'HubChannel',
        'HubException',
        'InMemoryKeyValueStorage',
        'InvalidParameterException',
        'InvalidStateException',
        'Logging',
        'NetworkException',
        'NotAuthorizedException',
        'PluginNotFoundException',
        'ServiceException',
        'SessionExpiredException',
        'SignedOutException',
        'StorageCategory',
        'StorageException',
        'TooManyRequestsException',
        'UnknownException',
        'UserCancelledException',
        'WebKeyValueStorage',
        'getLogger',
        'isSharedKeyValueStorage',
      ].sort(),
    );
  });

  it('offers app code no way to make a protected-channel publisher', () => {
    for (const name of ['createHubPublisher', 'createPluginContext', 'brandClass', 'processSingleton']) {
      expect(Object.keys(core)).not.toContain(name);
    }
    // internals' createPluginContext only records (see hubEventsHardening.test.ts); nothing there
    // makes a real publisher or reaches the process-wide registry that holds the bus.
    expect(Object.keys(internals)).toContain('createPluginContext');
    for (const name of ['createHubPublisher', 'processSingleton', 'findProcessSingleton']) {
      expect(Object.keys(internals)).not.toContain(name);
    }
    const forged = () =>
      Hub.publish(HubChannel.AUTH, { name: 'SIGNED_IN', data: { username: 'x', userId: 'y' } });
    expect(forged).toThrow(HubException);
  });

  it("hands a plugin its category's publisher through PluginContext at configure", async () => {
    const plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
    Amplify.addPlugin(plugin);
    Amplify.configure({});
    const heard: string[] = [];
    const token = Hub.subscribe(HubChannel.AUTH, (event) => void heard.push(event.name));
    plugin.configureCalls[0]!.context.hub.publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });
    expect(() =>
      plugin.configureCalls[0]!.context.hub.publish('storage', {
        name: 'REMOVED',
        data: { path: 'x', bucket: 'b' },
      }),
    ).toThrow(HubException);
    token.unsubscribe();
    await Amplify.reset();
    expect(heard).toEqual(['SIGNED_OUT']);
  });
});

describe('the @plugboard/core/internals subpath', () => {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports: Record<string, Record<string, Record<string, string>> | string>;
    typesVersions: Record<string, Record<string, string[]>>;
  };

  it('is declared for require and import, with types, and for node10 type resolution', () => {
    const entry = manifest.exports['./internals'] as Record<string, Record<string, string>>;
    expect(entry.require).toEqual({ types: './dist/cjs/internals.d.ts', default: './dist/cjs/internals.js' });
    expect(entry.import).toEqual({ types: './dist/esm/internals.d.ts', default: './dist/esm/internals.js' });
    expect(manifest.typesVersions['*']!.internals).toEqual(['./dist/cjs/internals.d.ts']);
    expect(readFileSync(join(packageDir, 'src', 'internals.ts'), 'utf8')).toContain(
      'NOT part of the public API',
    );
  });

  it('loads from the built package by name, in CommonJS and ESM (needs `npm run build`)', () => {
    expect(existsSync(join(packageDir, 'dist', 'cjs', 'internals.js'))).toBe(true);
    const script =
      "const cjs = require('@plugboard/core/internals');" +
      "import('@plugboard/core/internals').then((esm) => console.log(JSON.stringify([typeof cjs.createPluginContext, typeof esm.createPluginContext, 'createPluginContext' in require('@plugboard/core')])));";
    const output = execFileSync(process.execPath, ['-e', script], { cwd: packageDir, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(['function', 'function', false]);
  });
});
