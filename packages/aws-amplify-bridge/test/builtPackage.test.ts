import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Runs the BUILT package (dist/) in child processes, with require and with import. `npm test` builds
// first; alone, run `npm run build` before jest.
const packageDir = join(__dirname, '..');

beforeAll(() => {
  for (const system of ['cjs', 'esm'])
    if (!existsSync(join(packageDir, 'dist', system, 'index.js')))
      throw new Error('@plugboard/aws-amplify-bridge is not built: run `npm run build` first.');
});

describe.each(['cjs', 'esm'])('the built bridge loaded as %s', (system) => {
  it("federates, answers aws-amplify's fetchAuthSession, maps errors and signs out", () => {
    const output = execFileSync(process.execPath, [join(__dirname, 'fixtures', 'federate.mjs'), system], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(JSON.parse(output.trim().split('\n').pop() ?? '')).toEqual({
      sameIdentity: true,
      hasCredentials: true,
      errorIsAuthError: true,
      errorName: 'SessionExpiredException',
      causeIsPlugboard: true,
      clearedBySignOut: true,
    });
  });
});

describe("aws-amplify's protected auth channel, with the built packages", () => {
  const run = (system: string, bridge?: string) => {
    const args = [join(__dirname, 'fixtures', 'silentFlow.mjs'), system, ...(bridge ? [bridge] : [])];
    const result = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(`${result.status} ${result.stderr}`).toBe('0 ');
    return {
      printed: `${result.stdout}\n${result.stderr}`,
      ...JSON.parse(result.stdout.trim().split('\n').pop()!),
    };
  };

  it.each(['cjs', 'esm'])(
    'hears all seven events of a federation flow (%s) and prints no warning',
    (system) => {
      const { printed, events, refused } = run(system);
      expect(events).toEqual([
        'federatedToIdentityPool',
        'tokenRefresh_failure',
        'federatedToIdentityPool',
        'federationToIdentityPoolCleared',
        'federatedToIdentityPool',
        'federationToIdentityPoolCleared',
        'signedOut',
      ]);
      expect(refused).toBeUndefined();
      expect(printed).not.toMatch(/protected|WARN/);
    },
  );

  it("refuses another copy's Hub, and signOut refuses before clearing, when npm installed two @aws-amplify/core versions", () => {
    // The bridge installed next to a copy of @aws-amplify/core of its own; aws-amplify keeps the root's.
    const root = mkdtempSync(join(packageDir, '.duplicate-core-'));
    try {
      const modules = join(root, 'node_modules');
      const core = join(packageDir, '..', '..', 'node_modules', '@aws-amplify', 'core');
      cpSync(core, join(modules, '@aws-amplify', 'core'), {
        recursive: true,
        filter: (path) => !/[\\/]src$|\.map$/.test(path),
      });
      const bridge = join(modules, '@plugboard', 'aws-amplify-bridge');
      for (const part of ['package.json', 'dist'])
        cpSync(join(packageDir, part), join(bridge, part), { recursive: true });
      const { printed, events, refused, signOut, stillFederated } = run(
        'duplicate',
        pathToFileURL(join(bridge, 'dist', 'esm', 'index.js')).href,
      );
      expect(refused).toBe('InvalidParameterException');
      expect(signOut).toBe('ConfigurationException');
      expect(stillFederated).toBe(true);
      expect(events).toEqual([]);
      expect(printed).not.toMatch(/protected|WARN/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("refuses aws-amplify's Hub of another @aws-amplify/core copy (ESM app, CommonJS bridge) instead of warning", () => {
    const { printed, events, refused } = run('mixed');
    expect(refused).toBe('InvalidParameterException');
    expect(events).toEqual([]);
    expect(printed).not.toMatch(/protected|WARN/);
  });
});
