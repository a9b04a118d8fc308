// The page of the shared-storage Chromium test, bundled with esbuild from the built @plugboard/core.
// Several pages of one origin load it; each offers the test a few calls on its WebKeyValueStorage
// (localStorage) and records the keys its onChange hears.
import { Logging, StorageException, WebKeyValueStorage } from '@plugboard/core';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
// `?area=session` keeps the items in the tab's sessionStorage instead of localStorage.
const area = new URLSearchParams(location.search).get('area') === 'session' ? sessionStorage : localStorage;
const storage = new WebKeyValueStorage(area);
const heard: string[] = [];
const warnings: string[] = [];
Logging.setLevel('WARN');
Logging.setSink((entry) => warnings.push(entry.message));
storage.onChange((key) => heard.push(key));

async function append(entry: string): Promise<void> {
  const log = JSON.parse((await storage.getItem('log')) ?? '[]') as string[];
  log.push(entry);
  await storage.setItem('log', JSON.stringify(log));
}

const api = {
  hasWebLocks: (): boolean => typeof navigator.locks?.request === 'function',
  heard: (): string[] => [...heard],
  warnings: (): string[] => [...warnings],
  set: (key: string, value: string): Promise<void> => storage.setItem(key, value),
  remove: (key: string): Promise<void> => storage.removeItem(key),
  /** Adds a same-origin iframe loading `url`; resolves once it is ready. */
  addFrame(url: string): Promise<void> {
    return new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.name = 'child';
      frame.onload = () => resolve();
      document.body.append(frame);
    });
  },
  async appendUnderLock(tag: string, rounds: number): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await storage.withExclusiveLock('log', async () => {
        await append(`${tag}:begin:${i}`);
        await sleep(Math.random() * 4);
        await append(`${tag}:end:${i}`);
      });
    }
  },
  /** Takes the lock `name` and never lets go; resolves once it holds it. */
  hold(name: string): Promise<void> {
    return new Promise((held) => {
      void storage.withExclusiveLock(name, async () => {
        held();
        await new Promise(() => undefined);
      });
    });
  },
  async tryLock(name: string, timeoutMs: number): Promise<string> {
    try {
      return await storage.withExclusiveLock(name, async () => 'granted', { timeoutMs });
    } catch (error) {
      return error instanceof StorageException ? `StorageException: ${error.message}` : String(error);
    }
  },
};

(window as unknown as { shared: typeof api }).shared = api;
document.body.dataset.ready = 'true';
