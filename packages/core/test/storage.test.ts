import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir, chmod } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigurationException,
  FileKeyValueStorage,
  InMemoryKeyValueStorage,
  WebKeyValueStorage,
  type KeyValueStorage,
  type Logger,
} from '../src/index.js';

/** A logger that records warnings. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => undefined;
  return {
    warnings,
    verbose: ignore,
    debug: ignore,
    info: ignore,
    error: ignore,
    warn: (m: string) => void warnings.push(m),
  };
}

/** The contract every implementation meets. */
function behavesAsKeyValueStorage(make: () => KeyValueStorage | Promise<KeyValueStorage>): void {
  it('returns null for a missing key', async () => {
    expect(await (await make()).getItem('missing')).toBeNull();
  });

  it('returns what was set, overwrites and removes', async () => {
    const storage = await make();
    await storage.setItem('k', 'v1');
    expect(await storage.getItem('k')).toBe('v1');
    await storage.setItem('k', 'v2');
    expect(await storage.getItem('k')).toBe('v2');
    await storage.removeItem('k');
    expect(await storage.getItem('k')).toBeNull();
    await expect(storage.removeItem('k')).resolves.toBeUndefined();
  });

  it('keeps keys apart, including ones named like Object.prototype members', async () => {
    const storage = await make();
    await storage.setItem('a', '1');
    await storage.setItem('constructor', '2');
    expect(await storage.getItem('a')).toBe('1');
    expect(await storage.getItem('constructor')).toBe('2');
    expect(await storage.getItem('toString')).toBeNull();
  });
}

describe('InMemoryKeyValueStorage', () => {
  behavesAsKeyValueStorage(() => new InMemoryKeyValueStorage());

  describe('clear', () => {
    it('removes every item', async () => {
      const storage = new InMemoryKeyValueStorage();
      await storage.setItem('a', '1');
      await storage.clear();
      expect(await storage.getItem('a')).toBeNull();
    });
  });
});

describe('FileKeyValueStorage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plugboard-core-storage-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  behavesAsKeyValueStorage(() => new FileKeyValueStorage(join(dir, 'store.json')));

  describe('constructor', () => {
    it('refuses an empty path', () => {
      expect(() => new FileKeyValueStorage('')).toThrow(ConfigurationException);
    });
  });

  describe('setItem', () => {
    it('persists a JSON object that a new instance reads back, creating missing folders', async () => {
      const file = join(dir, 'nested', 'deeper', 'store.json');
      await new FileKeyValueStorage(file).setItem('session', '{"id":1}');
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ session: '{"id":1}' });
      expect(await new FileKeyValueStorage(file).getItem('session')).toBe('{"id":1}');
    });

    it('writes the file with mode 0600, even over a more open file', async () => {
      if (process.platform === 'win32') return;
      const file = join(dir, 'store.json');
      await writeFile(file, '{}', { mode: 0o644 });
      await chmod(file, 0o644);
      await new FileKeyValueStorage(file).setItem('k', 'v');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    });

    it('replaces the file by rename (a new inode each write) and leaves no temporary files', async () => {
      const file = join(dir, 'store.json');
      const storage = new FileKeyValueStorage(file);
      await storage.setItem('k', 'v1');
      const before = (await stat(file)).ino;
      await storage.setItem('k', 'v2');
      expect((await stat(file)).ino).not.toBe(before);
      expect(await readdir(dir)).toEqual(['store.json']);
    });

    it('never exposes a partly written file to a concurrent reader', async () => {
      const file = join(dir, 'store.json');
      const storage = new FileKeyValueStorage(file);
      await storage.setItem('seed', 'x');
      const big = 'y'.repeat(64 * 1024);
      let writing = true;
      let reads = 0;
      const reader = (async () => {
        while (writing) {
          // Synchronous reads interleave with the writer's steps; each must see a whole document.
          const text = readFileSync(file, 'utf8');
          expect(() => JSON.parse(text)).not.toThrow();
          reads++;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await Promise.all(Array.from({ length: 20 }, (_, i) => storage.setItem(`k${i}`, big)));
      writing = false;
      await reader;
      expect(reads).toBeGreaterThan(0);
    });

    it('loses no update when many setItem calls run concurrently, across instances', async () => {
      const file = join(dir, 'store.json');
      const a = new FileKeyValueStorage(file);
      const b = new FileKeyValueStorage(file);
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a : b).setItem(`key${i}`, `value${i}`)),
      );
      const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
      expect(Object.keys(stored)).toHaveLength(100);
      expect(stored.key99).toBe('value99');
    });

    it('runs mixed operations in call order', async () => {
      const storage = new FileKeyValueStorage(join(dir, 'store.json'));
      const results = await Promise.all([
        storage.setItem('k', '1'),
        storage.getItem('k'),
        storage.removeItem('k'),
        storage.getItem('k'),
        storage.setItem('k', '2'),
        storage.getItem('k'),
      ]);
      expect(results).toEqual([undefined, '1', undefined, null, undefined, '2']);
    });

    it('rejects when the file cannot be replaced and leaves no temporary file', async () => {
      const target = join(dir, 'a-directory');
      await mkdir(target);
      await writeFile(join(target, 'inside'), 'x');
      const logger = recordingLogger();
      await expect(new FileKeyValueStorage(target, { logger }).setItem('k', 'v')).rejects.toThrow();
      expect(readdirSync(dir)).toEqual(['a-directory']);
    });
  });

  describe('getItem', () => {
    it('reads a missing file as empty without a warning', async () => {
      const logger = recordingLogger();
      expect(await new FileKeyValueStorage(join(dir, 'none.json'), { logger }).getItem('k')).toBeNull();
      expect(logger.warnings).toEqual([]);
    });

    it.each([
      ['not JSON', '{"k": "v", trunc', 'not valid JSON'],
      ['a JSON array', '["k"]', 'does not hold a JSON object'],
      ['JSON null', 'null', 'does not hold a JSON object'],
    ])(
      'reads a file holding %s as empty, warns, and recovers on the next write',
      async (_what, contents, problem) => {
        const file = join(dir, 'store.json');
        await writeFile(file, contents);
        const logger = recordingLogger();
        const storage = new FileKeyValueStorage(file, { logger });
        expect(await storage.getItem('k')).toBeNull();
        expect(logger.warnings).toHaveLength(1);
        expect(logger.warnings[0]).toContain(problem);
        expect(logger.warnings[0]).not.toContain(contents);
        await storage.setItem('k', 'fresh');
        expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ k: 'fresh' });
      },
    );

    it('reads an unreadable path as empty with a warning instead of throwing', async () => {
      const logger = recordingLogger();
      await expect(new FileKeyValueStorage(dir, { logger }).getItem('k')).resolves.toBeNull();
      expect(logger.warnings[0]).toMatch(/cannot be read \(EISDIR\)/);
    });

    it('ignores stored values that are not strings', async () => {
      const file = join(dir, 'store.json');
      await writeFile(file, '{"n": 1, "s": "ok"}');
      const storage = new FileKeyValueStorage(file);
      expect(await storage.getItem('n')).toBeNull();
      expect(await storage.getItem('s')).toBe('ok');
    });
  });

  describe('module', () => {
    it('has no static node: import, so browser bundles can include it', () => {
      for (const file of ['FileKeyValueStorage.ts', 'fileOperations.ts']) {
        const source = readFileSync(join(__dirname, '..', 'src', 'storage', file), 'utf8');
        expect(source).not.toMatch(/^import[^;]*from ['"]node:/m);
        expect(source).not.toMatch(/require\(/);
      }
    });
  });
});

/** A Storage backed by a Map, as a browser's localStorage would be. */
class FakeStorage implements Storage {
  private readonly map = new Map<string, string>();
  failWrites = false;
  [name: string]: unknown;
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(key, String(value));
  }
}

describe('WebKeyValueStorage', () => {
  behavesAsKeyValueStorage(() => new WebKeyValueStorage(new FakeStorage()));

  describe('constructor', () => {
    afterEach(() => {
      delete (globalThis as { localStorage?: Storage }).localStorage;
    });

    it('uses the global localStorage by default', async () => {
      const local = new FakeStorage();
      (globalThis as { localStorage?: Storage }).localStorage = local;
      await new WebKeyValueStorage().setItem('k', 'v');
      expect(local.getItem('k')).toBe('v');
    });

    it('throws ConfigurationException with a recovery when no Web Storage exists', () => {
      expect(() => new WebKeyValueStorage()).toThrow(ConfigurationException);
      expect(() => new WebKeyValueStorage()).toThrow(/localStorage/);
    });

    it('treats a localStorage getter that throws (storage disabled) as absent', () => {
      Object.defineProperty(globalThis, 'localStorage', {
        configurable: true,
        get() {
          throw new Error('SecurityError');
        },
      });
      expect(() => new WebKeyValueStorage()).toThrow(ConfigurationException);
    });
  });

  describe('setItem', () => {
    it('rejects instead of throwing when the storage refuses the write', async () => {
      const fake = new FakeStorage();
      fake.failWrites = true;
      const pending = new WebKeyValueStorage(fake).setItem('k', 'v');
      await expect(pending).rejects.toThrow('QuotaExceededError');
    });
  });
});
