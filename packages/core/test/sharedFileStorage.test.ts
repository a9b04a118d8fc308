import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyValueStorage, StorageException, isSharedKeyValueStorage } from '../src/index.js';

// The cross-process tests run the BUILT package in child processes (`npm run build` first).
const builtIndex = join(__dirname, '..', 'dist', 'cjs', 'index.js');
const worker = join(__dirname, 'fixtures', 'sharedStorageWorker.cjs');

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-shared-lock-'));
  file = join(dir, 'session.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Worker {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line equal to `line`. */
  waitFor(line: string): Promise<void>;
  /** Resolves with every stdout line once the process has exited with code 0. */
  done: Promise<string[]>;
}

function start(role: string, name: string, iterations: number, others: string[] = []): Worker {
  const child = spawn(
    process.execPath,
    [worker, builtIndex, file, role, name, String(iterations), others.join(',')],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    let end: number;
    while ((end = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, end);
      stdout = stdout.slice(end + 1);
      lines.push(line);
      waiters.filter((w) => w.line === line).forEach((w) => w.resolve());
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<string[]>((resolve, reject) =>
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(lines) : reject(new Error(`${name} ended with ${code ?? signal}: ${stderr}`)),
    ),
  );
  return {
    child,
    done,
    waitFor: (line) =>
      lines.includes(line) ? Promise.resolve() : new Promise((resolve) => waiters.push({ line, resolve })),
  };
}

describe('FileKeyValueStorage as a SharedKeyValueStorage across processes', () => {
  it('serialises work under the lock in 4 processes and tells each about the others’ writes only', async () => {
    const names = ['p1', 'p2', 'p3', 'p4'];
    const rounds = 12;
    const workers = names.map((name) =>
      start(
        'appender',
        name,
        rounds,
        names.filter((n) => n !== name),
      ),
    );
    await Promise.all(workers.map((w) => w.waitFor('ready')));
    workers.forEach((w) => w.child.stdin!.write('go\n'));
    const outputs = await Promise.all(workers.map((w) => w.done));

    const storage = new FileKeyValueStorage(file);
    const log = JSON.parse((await storage.getItem('log'))!) as string[];
    expect(log).toHaveLength(names.length * rounds * 2);
    for (let i = 0; i < log.length; i += 2) {
      // Every begin is directly followed by its own end: no other process wrote in between.
      const [name, step, round] = log[i]!.split(':');
      expect(step).toBe('begin');
      expect(log[i + 1]).toBe(`${name}:end:${round}`);
    }
    names.forEach((name, index) => {
      const { heard } = JSON.parse(outputs[index]!.at(-1)!) as { heard: string[] };
      for (const other of names.filter((n) => n !== name)) expect(heard).toContain(`mine-${other}`);
      expect(heard).not.toContain(`mine-${name}`);
      expect(heard).toContain('log');
    });
  }, 60_000);

  it('bounds the wait for a held lock, and frees the lock of a killed holder within the stale bound', async () => {
    const holder = start('holder', 'holder', 0);
    await holder.waitFor('holding');
    const storage = new FileKeyValueStorage(file);
    let ran = false;
    const refused = await storage
      .withExclusiveLock('log', async () => (ran = true), { timeoutMs: 300 })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StorageException);
    expect((refused as StorageException).recoverySuggestion).toMatch(/within 10 s/);
    expect(ran).toBe(false);

    holder.child.kill('SIGKILL');
    await holder.done.catch(() => undefined);
    // The 10 s stale bound plus margin: rejects (and fails the test) if the dead holder kept the lock.
    await expect(
      storage.withExclusiveLock('log', async () => 'granted', { timeoutMs: 16_000 }),
    ).resolves.toBe('granted');
  }, 40_000);

  it('frees the lock at once when its holder is ended with SIGTERM mid-work', async () => {
    const holder = start('holder', 'holder', 0);
    await holder.waitFor('holding');
    const storage = new FileKeyValueStorage(file);
    holder.child.kill('SIGTERM');
    await holder.done.catch(() => undefined);
    // Well under the 10 s stale bound: the ending process removed its lock folder itself.
    await expect(storage.withExclusiveLock('log', async () => 'granted', { timeoutMs: 3000 })).resolves.toBe(
      'granted',
    );
  }, 20_000);
});

describe('FileKeyValueStorage as a SharedKeyValueStorage in one process', () => {
  it('is a SharedKeyValueStorage', () => {
    expect(isSharedKeyValueStorage(new FileKeyValueStorage(file))).toBe(true);
  });

  it('rejects bad lock arguments before locking', async () => {
    const storage = new FileKeyValueStorage(file);
    const work = async (): Promise<number> => 1;
    for (const [name, options] of [
      ['', undefined],
      ['x'.repeat(201), undefined],
      ['ok', { timeoutMs: 0 }],
      ['ok', { timeoutMs: Number.NaN }],
      ['ok', { timeoutMs: '5' }],
      ['ok', null],
    ] as Array<[string, unknown]>) {
      await expect(storage.withExclusiveLock(name, work, options as never)).rejects.toMatchObject({
        name: 'ConfigurationException',
        recoverySuggestion: expect.any(String),
      });
    }
    await expect(storage.withExclusiveLock('ok', 'work' as never)).rejects.toMatchObject({
      name: 'ConfigurationException',
    });
    expect(() => storage.onChange('listener' as never)).toThrow(/listener function/);
  });

  it('serialises callers in this process, lets work use the storage, and releases after a failure', async () => {
    const storage = new FileKeyValueStorage(file);
    const events: string[] = [];
    const task = (tag: string, fail = false) =>
      storage.withExclusiveLock('session', async () => {
        events.push(`${tag}+`);
        await storage.setItem('owner', tag);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`${tag}-`);
        if (fail) throw new Error(`${tag} failed`);
        return storage.getItem('owner');
      });
    const results = await Promise.allSettled([task('a'), task('b', true), task('c')]);
    expect(events).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a',
      'b failed',
      'c',
    ]);
  });

  it('hears changes written by another writer of the file, not its own writes', async () => {
    const warnings: string[] = [];
    const noop = (): void => undefined;
    const logger = {
      warn: (m: string) => void warnings.push(m),
      error: noop,
      info: noop,
      debug: noop,
      verbose: noop,
    };
    const storage = new FileKeyValueStorage(file, { logger });
    const other = new FileKeyValueStorage(file); // the same process: the same context
    await storage.setItem('before', '1');
    const heard: string[] = [];
    const stop = storage.onChange((key) => heard.push(key));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await storage.setItem('own', '1');
    await other.setItem('own-too', '1');
    await storage.removeItem('before');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);

    // Another process replaces the file the same way FileKeyValueStorage does (temporary file, rename).
    await writeFile(`${file}.x.tmp`, JSON.stringify({ own: '1', 'own-too': '2', foreign: 'f' }));
    await rename(`${file}.x.tmp`, file);
    const until = Date.now() + 5000;
    while (heard.length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard.sort()).toEqual(['foreign', 'own-too']);

    // A file another writer left corrupt is ignored with a warning; the next good one is compared
    // with the last good contents.
    await writeFile(`${file}.z.tmp`, '{"own": "1", "foreign');
    await rename(`${file}.z.tmp`, file);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/Ignoring a change to .* not valid JSON/);
    await writeFile(`${file}.w.tmp`, JSON.stringify({ own: '1', 'own-too': '2', foreign: 'g' }));
    await rename(`${file}.w.tmp`, file);
    const later = Date.now() + 5000;
    while (heard.length < 3 && Date.now() < later) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard.slice(2)).toEqual(['foreign']);
    stop();
    await writeFile(`${file}.y.tmp`, JSON.stringify({}));
    await rename(`${file}.y.tmp`, file);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toHaveLength(3);
  });
});
