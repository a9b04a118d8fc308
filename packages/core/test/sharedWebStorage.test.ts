// WebKeyValueStorage's sharing in Node, with the browser parts given through options: the window's
// `storage` events (a real EventTarget) and the per-tab fallback lock where Web Locks is missing. The
// real Web Locks API and real storage events across tabs are tested in sharedStorage.chromium.test.ts.
import {
  ConfigurationException,
  InMemoryKeyValueStorage,
  StorageException,
  WebKeyValueStorage,
  isSharedKeyValueStorage,
  type Logger,
  type WebStorageLike,
} from '../src/index.js';

class MapStorage implements WebStorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function storageEvent(fields: Record<string, unknown>): Event {
  return Object.assign(new Event('storage'), fields);
}

function recordingLogger(): { warnings: string[]; logger: Logger } {
  const warnings: string[] = [];
  const noop = (): void => undefined;
  const logger: Logger = {
    warn: (message: string) => void warnings.push(message),
    error: noop,
    info: noop,
    debug: noop,
    verbose: noop,
  };
  return { warnings, logger };
}

describe('WebKeyValueStorage as a SharedKeyValueStorage', () => {
  it('is one; InMemoryKeyValueStorage (one context only) is not', () => {
    expect(isSharedKeyValueStorage(new WebKeyValueStorage(new MapStorage()))).toBe(true);
    expect(isSharedKeyValueStorage(new InMemoryKeyValueStorage())).toBe(false);
    expect(isSharedKeyValueStorage(null)).toBe(false);
    expect(isSharedKeyValueStorage({ withExclusiveLock() {}, onChange() {} })).toBe(false);
  });

  it('rejects options it cannot use', () => {
    const area = new MapStorage();
    for (const options of [null, { locks: {} }, { events: { addEventListener() {} } }, { logger: 'log' }]) {
      expect(() => new WebKeyValueStorage(area, options as never)).toThrow(ConfigurationException);
    }
  });

  it('reports keys from storage events about its own area only; a clear as the keys it used; malformed events with a warning', async () => {
    const area = new MapStorage();
    const events = new EventTarget();
    const { warnings, logger } = recordingLogger();
    const storage = new WebKeyValueStorage(area, { events, logger, locks: null });
    await storage.setItem('session', 'a');
    await storage.getItem('identity');
    const heard: string[] = [];
    const stop = storage.onChange((key) => heard.push(key));

    events.dispatchEvent(storageEvent({ key: 'session', storageArea: area }));
    events.dispatchEvent(storageEvent({ key: 'elsewhere', storageArea: new MapStorage() }));
    events.dispatchEvent(storageEvent({ key: null, storageArea: area }));
    events.dispatchEvent(storageEvent({ key: 42, storageArea: area }));
    events.dispatchEvent(new Event('storage'));
    expect(heard).toEqual(['session', 'session', 'identity']);
    expect(warnings.filter((w) => /not a well-formed storage event/.test(w))).toHaveLength(2);

    stop();
    events.dispatchEvent(storageEvent({ key: 'session', storageArea: area }));
    expect(heard).toHaveLength(3);
  });

  it('hears nothing where there is no window, and keeps working', async () => {
    const storage = new WebKeyValueStorage(new MapStorage(), { events: null, locks: null });
    const stop = storage.onChange(() => undefined);
    stop();
    await storage.setItem('k', 'v');
    await expect(storage.getItem('k')).resolves.toBe('v');
  });

  it('without Web Locks, serialises work in this context, warns once, and bounds the wait', async () => {
    const { warnings, logger } = recordingLogger();
    const storage = new WebKeyValueStorage(new MapStorage(), {
      locks: null,
      events: null,
      logger,
    });
    const order: string[] = [];
    let release!: () => void;
    const first = storage.withExclusiveLock('refresh', async () => {
      order.push('first');
      await new Promise<void>((resolve) => (release = resolve));
      return 1;
    });
    const late = storage.withExclusiveLock('refresh', async () => order.push('late'), { timeoutMs: 50 });
    await expect(late).rejects.toBeInstanceOf(StorageException);
    const second = storage.withExclusiveLock('refresh', async () => {
      order.push('second');
      return 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['first']);
    release();
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
    expect(order).toEqual(['first', 'second']);
    expect(warnings.filter((w) => /Web Locks API is missing/.test(w))).toHaveLength(1);
  });

  it('uses the given lock manager with an abort signal that fires at the timeout', async () => {
    const requests: Array<{ name: string; mode?: string; signal: AbortSignal }> = [];
    const locks = {
      // A lock that is never granted (another tab hung): only the signal ends the request.
      request: (name: string, options: { mode?: string; signal?: unknown }) =>
        new Promise<never>((_, reject) => {
          const signal = options.signal as AbortSignal;
          requests.push({ name, mode: options.mode, signal });
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    };
    const storage = new WebKeyValueStorage(new MapStorage(), { locks, events: null });
    let ran = false;
    const error = await storage
      .withExclusiveLock('plugboard.auth', async () => (ran = true), { timeoutMs: 30 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageException);
    expect((error as StorageException).message).toMatch(/"plugboard.auth" within 30 ms/);
    expect(ran).toBe(false);
    expect(requests).toMatchObject([{ name: 'plugboard.auth', mode: 'exclusive' }]);
    expect(requests[0]!.signal.aborted).toBe(true);
  });
});
