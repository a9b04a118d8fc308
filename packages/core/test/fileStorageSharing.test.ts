import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyValueStorage, StorageException } from '../src/index.js';

// The cross-process tests run the BUILT package in child processes (`npm run build` first).
const builtIndex = join(__dirname, '..', 'dist', 'cjs', 'index.js');
const worker = join(__dirname, 'fixtures', 'fileStorageWorker.cjs');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugboard-shared-storage-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function start(file: string, role: string, name: string, iterations: number): ChildProcess {
  return spawn(process.execPath, [worker, builtIndex, file, role, name, String(iterations)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** The file's contents, which must always parse as a JSON object (or the file is absent). */
function parsedFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

describe('FileKeyValueStorage shared by processes', () => {
  beforeAll(() => {
    if (!existsSync(builtIndex)) throw new Error(`${builtIndex} is missing: run \`npm run build\` first.`);
  });

  it('never resurrects a cleared session, loses no update and never leaves a file that fails to parse', async () => {
    const file = join(dir, 'shared', 'session.json');
    const rounds = 40;
    const clearer = start(file, 'clearer', 'a', rounds);
    const writer = start(file, 'writer', 'b', rounds);
    const exits = Promise.all([exitOf(clearer), exitOf(writer)]);
    let running = true;
    let reads = 0;
    void exits.then(() => (running = false));
    while (running) {
      parsedFile(file); // throws (failing the test) if a reader ever sees a torn or half-written file
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const exit of await exits) expect(exit).toMatchObject({ code: 0, stderr: '' });

    const items = parsedFile(file);
    expect(items.session).toBeUndefined();
    for (let i = 0; i < rounds; i++) {
      expect(items[`a-${i}`]).toBe(String(i));
      expect(items[`b-${i}`]).toBe(String(i));
    }
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'shared'))).toEqual(['session.json']);
  }, 120_000);

  it('survives kill -9 in the middle of writes: the file parses, and the next write cleans up', async () => {
    const file = join(dir, 'crash.json');
    const crasher = start(file, 'crasher', 'c', 0);
    const exit = exitOf(crasher);
    await new Promise<void>((resolve) => crasher.stdout!.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 200)));
    crasher.kill('SIGKILL');
    expect((await exit).signal).toBe('SIGKILL');

    // Whatever instant the kill hit, the file is one whole version: every value is complete.
    const before = parsedFile(file);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    for (const value of Object.values(before)) expect(value).toMatch(/^\d+:x{2097152}$/);

    // The next writer takes over the dead process's lock and removes its temporary file.
    const storage = new FileKeyValueStorage(file);
    await storage.setItem('after', 'crash');
    expect(await storage.getItem('after')).toBe('crash');
    expect({ ...parsedFile(file), after: undefined }).toEqual({ ...before, after: undefined });
    expect(readdirSync(dir)).toEqual(['crash.json']);
  }, 60_000);
});

describe('FileKeyValueStorage write failures', () => {
  it.each([
    ['a directory is in the way (EISDIR)', /^EISDIR$/, async (file: string) => mkdir(file)],
    [
      'a file is in the way of its folder (ENOTDIR)',
      /^(ENOTDIR|EEXIST)$/,
      async (file: string) => writeFile(join(file, '..'), 'not a folder'),
    ],
  ])('reject with a StorageException keeping the cause when %s', async (_name, code, arrange) => {
    const file = code.test('ENOTDIR') ? join(dir, 'blocker', 'store.json') : join(dir, 'store.json');
    await arrange(file);
    const before = readdirSync(dir);
    const error = (await new FileKeyValueStorage(file)
      .setItem('k', 'v')
      .catch((e: unknown) => e)) as StorageException;
    expect(error).toBeInstanceOf(StorageException);
    expect(error.name).toBe('StorageException');
    expect((error.cause as NodeJS.ErrnoException).code).toMatch(code);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`(${(error.cause as NodeJS.ErrnoException).code})`);
    expect(error.recoverySuggestion).not.toBe('');
    expect(readdirSync(dir)).toEqual(before);
  });

  it('fails at once on a permanent error (ENAMETOOLONG) instead of waiting as for a busy lock', async () => {
    // Before, every lock error was retried for about 24 s; only ELOCKED (another holder) is worth a wait.
    const file = join(dir, `${'n'.repeat(300)}.json`);
    const started = Date.now();
    const error = (await new FileKeyValueStorage(file)
      .setItem('k', 'v')
      .catch((e: unknown) => e)) as StorageException;
    expect(error).toBeInstanceOf(StorageException);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENAMETOOLONG');
    expect(error.recoverySuggestion).toMatch(/shorter/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes temporary files that a crashed writer left, on the next write', async () => {
    const file = join(dir, 'store.json');
    await writeFile(`${file}.1a2b-3c4d-5e6f.tmp`, '{"half":');
    await writeFile(`${file}.ab12-cd34.tmp`, '');
    await writeFile(join(dir, 'other.json.1a2b-3c4d.tmp'), 'not ours');
    await new FileKeyValueStorage(file).setItem('k', 'v');
    expect((await readdir(dir)).sort()).toEqual(['other.json.1a2b-3c4d.tmp', 'store.json']);
  });
});
