// Auth contexts leave nothing behind (issue 24): after thousands of contexts (runWithAuthContext and
// createAuthContext + dispose), each with a hub listener, a warm session fetch through Amplify.Auth and a
// credentials provider, every context's plugin and hub can be collected, including the one whose
// federation opened a pooled connection, and no timer, socket or other handle is left. Runs the built
// packages in a child Node process with --expose-gc (the suite relies on `npm run build`, like
// processLifetime.integration.test.ts). The creation cost is printed, not asserted.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../support/harness';

const packageDir = join(__dirname, '..', '..');
const pluginEntry = join(packageDir, 'dist', 'esm', 'index.js');
const coreEntry = join(packageDir, '..', 'core', 'dist', 'esm', 'index.js');

const SCRIPT = `
import { Amplify } from ${JSON.stringify(coreEntry)};
import { AWSCognitoAuthPlugin, AuthProvider, createAuthContext, fromAmplifyAuth, runWithAuthContext } from ${JSON.stringify(pluginEntry)};
Amplify.addPlugin(new AWSCognitoAuthPlugin());
Amplify.configure(JSON.parse(process.env.PLUGBOARD_CONFIG));
const stored = new Map();
const storageOver = (map) => ({
  getItem: async (key) => map.get(key) ?? null,
  setItem: async (key, value) => void map.set(key, value),
  removeItem: async (key) => void map.delete(key),
});
const refs = [];
const watch = (context) => refs.push(new WeakRef(context.plugin), new WeakRef(context.hub));
const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
};
const snapshot = () => ({
  resources: process.getActiveResourcesInfo().filter((name) => name !== 'TTYWrap').sort(),
  heap: process.memoryUsage().heapUsed,
});
// A federation: two requests, on a connection the pool keeps open after the context ended.
await runWithAuthContext({ storage: storageOver(stored) }, async (context) => {
  watch(context);
  await context.plugin.federateToIdentityPool(process.env.PLUGBOARD_TOKEN, AuthProvider.facebook());
});
const identity = [...stored.values()].join('').length;
const request = async (i) => {
  const storage = storageOver(new Map(stored)); // each request its own copy, as cookies would be
  if (i % 2 === 0)
    return runWithAuthContext({ storage }, async (context) => {
      if (i % 20 === 0) watch(context);
      context.hub.subscribe('auth', () => undefined);
      const session = await Amplify.Auth.fetchAuthSession();
      if (session.awsCredentialsResult.type !== 'SUCCESS') throw new Error('no credentials');
      await fromAmplifyAuth()();
    });
  const context = createAuthContext({ storage });
  if (i % 20 === 1) watch(context);
  context.hub.subscribe('auth', () => undefined);
  await fromAmplifyAuth({ context })();
  await context.dispose();
};
for (let i = 0; i < 200; i++) await request(i); // warm-up: code loaded, JIT settled
await settle();
const before = snapshot();
for (let i = 0; i < 4000; i++) await request(i);
await settle();
const after = snapshot();
// Creation cost (printed, not asserted): create + dispose, median of 5 batches of 2000.
const perContext = [];
for (let round = 0; round < 5; round++) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < 2000; i++) await createAuthContext({ storage: storageOver(stored) }).dispose();
  perContext.push(Number(process.hrtime.bigint() - started) / 2000 / 1000);
}
perContext.sort((a, b) => a - b);
console.log(JSON.stringify({
  watched: refs.length,
  alive: refs.filter((ref) => ref.deref() !== undefined).length,
  before,
  after,
  identity,
  createDisposeMicroseconds: perContext[2],
}));
`;

function run(file: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', file],
      { env, cwd, timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${String(error)}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'plugboard-contexts-'));
});
afterAll(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('leaves no context, handle or memory behind after thousands of contexts', async () => {
  const file = join(dir, 'contexts.mjs');
  writeFileSync(file, SCRIPT);
  const out = await run(
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
  const result = JSON.parse(out.trim().split('\n').pop()!) as {
    watched: number;
    alive: number;
    before: { resources: string[]; heap: number };
    after: { resources: string[]; heap: number };
    identity: number;
    createDisposeMicroseconds: number;
  };
  expect(result.identity).toBeGreaterThan(0);
  expect(result.watched).toBe(2 + 2 * 2 * (4200 / 20));
  expect(result.alive).toBe(0);
  // No handle more than before the 4000 requests (a pooled socket may have closed meanwhile).
  for (const name of new Set(result.after.resources)) {
    const count = (list: string[]) => list.filter((n) => n === name).length;
    expect([name, count(result.after.resources)]).toEqual([
      name,
      Math.min(count(result.after.resources), count(result.before.resources)),
    ]);
  }
  // 4000 contexts kept would be megabytes (each holds a plugin, a machine, a store, a hub).
  expect(result.after.heap - result.before.heap).toBeLessThan(1_000_000);
  // Creation cost, for the report; not a timed assertion.
  process.stdout.write(`auth context create + dispose: ${result.createDisposeMicroseconds.toFixed(1)} µs\n`);
  expect(h.calls('GetCredentialsForIdentity')).toBe(1);
});
