import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyValueStorage } from '@plugboard/core';
import { AuthProvider } from '../src';
import { remember, startHarness, type Harness } from './support/harness';

/**
 * Issue 23, one refresh across processes: four Node processes (the built packages) share one session
 * file; the credentials have expired (the emulator and every process share one clock offset); all four
 * call fetchAuthSession at the same moment. The storage's lock lets one of them refresh; the others
 * re-read the file under the lock, find fresh credentials and send nothing.
 */
const packageDir = join(__dirname, '..');
const pluginEntry = join(packageDir, 'dist', 'esm', 'index.js');
const coreEntry = join(packageDir, '..', 'core', 'dist', 'esm', 'index.js');

const CHILD = `
import { Amplify, FileKeyValueStorage } from ${JSON.stringify(coreEntry)};
import { AWSCognitoAuthPlugin } from ${JSON.stringify(pluginEntry)};
const offset = Number(process.env.PLUGBOARD_OFFSET);
const file = new FileKeyValueStorage(process.env.PLUGBOARD_FILE);
// PLUGBOARD_PLAIN: the same file behind an app storage without the lock and change methods (not shared).
const storage = process.env.PLUGBOARD_PLAIN
  ? {
      getItem: (key) => file.getItem(key),
      setItem: (key, value) => file.setItem(key, value),
      removeItem: (key) => file.removeItem(key),
    }
  : file;
const plugin = new AWSCognitoAuthPlugin({
  storage,
  clock: () => Date.now() + offset,
});
Amplify.addPlugin(plugin);
Amplify.configure(JSON.parse(process.env.PLUGBOARD_CONFIG));
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.PLUGBOARD_START_AT) - Date.now())));
const result = (await plugin.fetchAuthSession()).awsCredentialsResult;
console.log(JSON.stringify(result.type === 'SUCCESS'
  ? { type: 'SUCCESS', accessKeyId: result.value.accessKeyId }
  : { type: result.type, error: String(result.error && result.error.name) }));
`;

function run(file: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [file], { env, cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`child failed: ${String(error)}\n${stderr}`));
      else resolve(stdout.trim().split('\n').pop() ?? '');
    });
  });
}

let h: Harness;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plugboard-shared-refresh-'));
});
afterEach(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function fourProcessesFetch(plain: boolean) {
  const file = join(dir, 'session.json');
  h = await startHarness({ storage: new FileKeyValueStorage(file) });
  const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
  h.clock.advance(2 * 3_600_000); // past the credentials' expiry, for the emulator and the children
  const since = h.emulator.requests().length;
  const script = join(dir, 'child.mjs');
  writeFileSync(script, CHILD);
  const env = {
    ...process.env,
    PLUGBOARD_FILE: file,
    PLUGBOARD_OFFSET: String(h.clock.now() - Date.now()),
    PLUGBOARD_CONFIG: JSON.stringify(h.config),
    PLUGBOARD_START_AT: String(Date.now() + 1_500),
    ...(plain ? { PLUGBOARD_PLAIN: '1' } : {}),
  };
  const answers = (await Promise.all([1, 2, 3, 4].map(() => run(script, env, dir)))).map(
    (line) => JSON.parse(line) as { type: string; accessKeyId?: string },
  );
  expect(answers.map((a) => a.type)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
  const keys = new Set(answers.map((a) => a.accessKeyId));
  expect(keys.has(first.credentials.accessKeyId)).toBe(false);
  return { keys, requests: h.calls('GetCredentialsForIdentity', since) };
}

describe('four processes on one session file, credentials expired', () => {
  it('send exactly one GetCredentialsForIdentity and all get the same new credentials', async () => {
    const { keys, requests } = await fourProcessesFetch(false);
    expect(keys.size).toBe(1);
    expect(requests).toBe(1);
  }, 60_000);

  it('without a shared storage (no lock, no change methods) each process refreshes on its own', async () => {
    const { keys, requests } = await fourProcessesFetch(true);
    expect(requests).toBe(4);
    expect(keys.size).toBe(4);
  }, 60_000);
});
