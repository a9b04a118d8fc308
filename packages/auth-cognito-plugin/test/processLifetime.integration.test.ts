import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from './support/harness';

/**
 * Issue 22 class 1, process lifetime, with a real child process on the built packages: a script that
 * awaits a federation whose first attempt fails (so one retry back-off is pending) must not end in the
 * middle of it. Before, the back-off timer did not keep the process alive: the script ended silently,
 * exit code 13 in ESM and 0 (with nothing printed) in CommonJS.
 */
const packageDir = join(__dirname, '..');
const pluginEntry = (kind: 'esm' | 'cjs') => join(packageDir, 'dist', kind, 'index.js');
const coreEntry = (kind: 'esm' | 'cjs') => join(packageDir, '..', 'core', 'dist', kind, 'index.js');

const SCRIPTS = {
  esm: `
import { Amplify } from ${JSON.stringify(coreEntry('esm'))};
import { AWSCognitoAuthPlugin, AuthProvider } from ${JSON.stringify(pluginEntry('esm'))};
const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure(JSON.parse(process.env.PLUGBOARD_CONFIG));
const result = await plugin.federateToIdentityPool(process.env.PLUGBOARD_TOKEN, AuthProvider.facebook());
console.log('federated ' + /^us-east-1:/.test(result.identityId));
`,
  cjs: `
const { Amplify } = require(${JSON.stringify(coreEntry('cjs'))});
const { AWSCognitoAuthPlugin, AuthProvider } = require(${JSON.stringify(pluginEntry('cjs'))});
const plugin = new AWSCognitoAuthPlugin();
Amplify.addPlugin(plugin);
Amplify.configure(JSON.parse(process.env.PLUGBOARD_CONFIG));
plugin
  .federateToIdentityPool(process.env.PLUGBOARD_TOKEN, AuthProvider.facebook())
  .then((result) => console.log('federated ' + /^us-east-1:/.test(result.identityId)));
`,
};

function run(
  file: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { env, cwd, timeout: 20_000 }, (error, stdout) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout });
    });
  });
}

let h: Harness;
let dir: string;
beforeEach(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'plugboard-lifetime-'));
});
afterEach(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['esm', 'cjs'] as const)('a %s script awaiting a federation', (kind) => {
  it('stays alive through a pending retry back-off and ends with exit code 0 after the result', async () => {
    const file = join(dir, kind === 'esm' ? 'federate.mjs' : 'federate.cjs');
    writeFileSync(file, SCRIPTS[kind]);
    // The first GetId loses its connection: the client retries after a back-off.
    h.emulator.injectFault({ operation: 'GetId', error: 'TooManyRequestsException', times: 1 });
    const { code, stdout } = await run(
      file,
      {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        PLUGBOARD_CONFIG: JSON.stringify(h.config),
        PLUGBOARD_TOKEN: await h.token(),
      },
      dir,
    );
    expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: 'federated true' });
    expect(h.calls('GetId')).toBe(2);
  });
});
