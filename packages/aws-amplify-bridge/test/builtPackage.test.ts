import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
