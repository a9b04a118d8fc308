import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyValueStorage } from '@plugboard/core';
import { startHarness, type Harness } from './support/harness';
import {
  eventually,
  startContextProcesses,
  type ContextEvent,
  type ContextProcess,
} from './support/contextProcesses';
import { leakedSecrets, secretScan } from './support/secrets';

/**
 * Issue 23, every context told (Node): three processes (the built packages) share one session file,
 * the emulator runs here. A federation or a clear in one is followed by the others through the file's
 * change watch: they publish the same Hub event with `source: 'another-context'` and answer from the
 * stored session without a request; a corrupt write is ignored with a warning.
 */
let h: Harness;
let dir: string;
let contexts: ContextProcess[] = [];
let file: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plugboard-follow-'));
  file = join(dir, 'session.json');
  h = await startHarness({ storage: new FileKeyValueStorage(file) });
  contexts = startContextProcesses(dir, 3, { file, config: h.config, offset: 0 });
  await Promise.all(contexts.map((c) => c.ask('ready')));
});
afterEach(async () => {
  await Promise.all(contexts.map((c) => c.end()));
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const events = (c: ContextProcess) => c.ask<ContextEvent[]>('events');
const followed = (name: string) => (list: ContextEvent[]) =>
  list.some((e) => e.name === name && e.data?.source === 'another-context');

it('a federation in one process: the others publish FEDERATED_TO_IDENTITY_POOL and answer without a request; a clear follows', async () => {
  const [a, b, c] = contexts as [ContextProcess, ContextProcess, ContextProcess];
  const at = Date.now();
  const identityId = await a.ask<string>('federate', { token: await h.token() });
  const since = h.emulator.requests().length;
  for (const other of [b, c]) {
    const heard = await eventually(() => events(other), followed('FEDERATED_TO_IDENTITY_POOL'));
    expect(heard).toEqual([
      {
        name: 'FEDERATED_TO_IDENTITY_POOL',
        data: { identityId, providerName: 'graph.facebook.com', source: 'another-context' },
        at: expect.any(Number),
      },
    ]);
    console.info(`followed a federation ${heard[0]!.at - at} ms after the call started`);
  }
  const [sa, sb] = await Promise.all([a.ask('fetch'), b.ask('fetch')]);
  expect(sb).toEqual(sa);
  expect(sb).toMatchObject({ isSignedIn: true, identityId });
  expect(h.emulator.requests().length).toBe(since); // b answered from what a stored
  // a's own event carries no source; nobody published anything twice.
  expect((await events(a)).map((e) => [e.name, e.data?.source])).toEqual([
    ['FEDERATED_TO_IDENTITY_POOL', undefined],
  ]);

  await c.ask('clear');
  for (const other of [a, b]) {
    const heard = await eventually(() => events(other), followed('FEDERATION_TO_IDENTITY_POOL_CLEARED'));
    expect(heard.at(-1)).toMatchObject({
      name: 'FEDERATION_TO_IDENTITY_POOL_CLEARED',
      data: { source: 'another-context' },
    });
  }
  // Signed out here too: no federated identity left (the pool refuses guests).
  const cleared = await a.ask<Record<string, unknown>>('fetch');
  expect(cleared).toMatchObject({ isSignedIn: false, credentialsError: 'NotAuthorizedException' });
  expect([cleared.identityId, cleared.accessKeyId]).toEqual([undefined, undefined]);
  expect(leakedSecrets(JSON.stringify(await Promise.all(contexts.map(events))))).toEqual([]);
  expect(secretScan().secrets.size).toBeGreaterThan(0);
}, 30_000);

it('a corrupt write to the file is ignored with a warning: every process keeps its session', async () => {
  const [a, b, c] = contexts as [ContextProcess, ContextProcess, ContextProcess];
  const identityId = await a.ask<string>('federate', { token: await h.token() });
  for (const other of [b, c]) await eventually(() => events(other), followed('FEDERATED_TO_IDENTITY_POOL'));
  const key = `plugboard.auth.-.${h.poolId}.session`;
  const warnedOf = async (pattern: RegExp) => {
    for (const context of contexts) {
      const warnings = await eventually(
        () => context.ask<string[]>('warnings'),
        (w) => w.some((m) => pattern.test(m)),
      );
      expect(warnings.some((m) => pattern.test(m))).toBe(true);
    }
  };
  // Another process (this one) stores an unreadable session value: every process re-reads it, warns
  // and keeps its session.
  await new FileKeyValueStorage(file).setItem(
    key,
    '{"v":1,"kind":"federated","providerToken":"corrupt-SECRET-1234"',
  );
  await warnedOf(/unreadable auth session/);
  // Then a file that is not JSON at all: the storage's watch ignores the change with a warning.
  writeFileSync(file, 'not json {');
  await warnedOf(/cannot be used/);
  for (const context of contexts) {
    expect(await context.ask('fetch')).toMatchObject({ identityId, accessKeyId: expect.any(String) });
    const names = (await events(context)).map((e) => e.name);
    expect(names).toEqual(['FEDERATED_TO_IDENTITY_POOL']);
    expect((await context.ask<string[]>('warnings')).join('\n')).not.toMatch(/SECRET/);
  }
}, 30_000);

it('an ended process leaves nothing running: it exits by itself after Amplify.reset', async () => {
  const codes = await Promise.all(contexts.map((c) => c.end()));
  expect(codes).toEqual([0, 0, 0]);
  contexts = [];
}, 30_000);
