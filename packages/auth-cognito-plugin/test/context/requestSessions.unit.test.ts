// The per-process coordination of requests that carry the same stored session (requestSessions.ts):
// replacements seen by later readers of the replaced value, a lock per session, nothing left behind.
import {
  InMemoryKeyValueStorage,
  isSharedKeyValueStorage,
  StorageException,
  type KeyValueStorage,
  type SharedKeyValueStorage,
} from '@plugboard/core';
import {
  requestSessionsSize,
  shareAcrossRequests,
  SUCCESSOR_TTL_MS,
} from '../../src/context/requestSessions';
import { READ_NOW, readNowOf } from '../../src/model/readNow';
import { jwtsIn, leakedSecrets } from '../support/secrets';
import { loggedSince, logMark, sessionValue } from '../server/cookieSupport';

/** One request's storage: its own copy of what the browser sent. */
function request(items: Record<string, string>, now: () => number = Date.now) {
  const inner = new Map(Object.entries(items));
  const storage: KeyValueStorage = {
    getItem: async (k) => inner.get(k) ?? null,
    setItem: async (k, v) => void inner.set(k, v),
    removeItem: async (k) => void inner.delete(k),
  };
  return { inner, shared: shareAcrossRequests(storage, now) as SharedKeyValueStorage };
}

let unique = 0;
const fresh = (label: string): string => `${label}-${++unique}-${Math.random()}`;

it('gives a later reader of a replaced value the replacement, and writes it to that request too', async () => {
  const old = fresh('old');
  const first = request({ s: old });
  const second = request({ s: old });
  const other = request({ s: fresh('other-user') });
  expect(await first.shared.getItem('s')).toBe(old);
  const renewed = fresh('new');
  await first.shared.setItem('s', renewed);
  expect(await second.shared.getItem('s')).toBe(renewed);
  expect(second.inner.get('s')).toBe(renewed); // its response carries the refreshed value
  // Another session, or another key with the same value, learns nothing.
  expect(await other.shared.getItem('s')).not.toBe(renewed);
  expect(await request({ t: old }).shared.getItem('t')).toBe(old);
  // A chain of replacements is followed.
  const newest = fresh('newest');
  await second.shared.setItem('s', newest);
  expect(await request({ s: old }).shared.getItem('s')).toBe(newest);
});

it('passes a removal on: a session cleared by one request is gone for the others', async () => {
  const value = fresh('session');
  const first = request({ s: value });
  const second = request({ s: value });
  await first.shared.getItem('s');
  await first.shared.removeItem('s');
  expect(await second.shared.getItem('s')).toBeNull();
  expect(second.inner.has('s')).toBe(false);
});

it('forgets a replacement after its time', async () => {
  let now = 1_000_000;
  const clock = () => now;
  const old = fresh('old');
  const first = request({ s: old }, clock);
  await first.shared.setItem('s', fresh('new'));
  now += SUCCESSOR_TTL_MS + 1;
  expect(await request({ s: old }, clock).shared.getItem('s')).toBe(old);
});

it('queues the requests of one session behind one lock; other sessions do not wait', async () => {
  const value = fresh('session');
  const [a, b] = [request({ s: value }), request({ s: value })];
  const other = request({ s: fresh('other') });
  await Promise.all([a.shared.getItem('s'), b.shared.getItem('s'), other.shared.getItem('s')]);
  const order: string[] = [];
  let releaseA!: () => void;
  const aHolds = a.shared.withExclusiveLock('refresh', async () => {
    order.push('a in');
    await new Promise<void>((resolve) => (releaseA = resolve));
    order.push('a out');
  });
  await Promise.resolve();
  const bWaits = b.shared.withExclusiveLock('refresh', async () => void order.push('b in'));
  await other.shared.withExclusiveLock('refresh', async () => void order.push('other in'));
  expect(order).toEqual(['a in', 'other in']);
  releaseA();
  await Promise.all([aHolds, bWaits]);
  expect(order).toEqual(['a in', 'other in', 'a out', 'b in']);
  expect(requestSessionsSize().locks).toBe(0);
});

it('takes no lock for a request with nothing stored', async () => {
  const [a, b] = [request({}), request({})];
  await Promise.all([a.shared.getItem('s'), b.shared.getItem('s')]);
  let releaseA!: () => void;
  const aHolds = a.shared.withExclusiveLock('refresh', () => new Promise<void>((r) => (releaseA = r)));
  await Promise.resolve();
  expect(await b.shared.withExclusiveLock('refresh', async () => 'ran')).toBe('ran');
  releaseA();
  await aHolds;
});

it('gives up waiting for a lock after the timeout, with a StorageException', async () => {
  const value = fresh('session');
  const [a, b] = [request({ s: value }), request({ s: value })];
  await Promise.all([a.shared.getItem('s'), b.shared.getItem('s')]);
  let release!: () => void;
  const held = a.shared.withExclusiveLock('refresh', () => new Promise<void>((r) => (release = r)));
  await Promise.resolve();
  const work = jest.fn(async () => 1);
  await expect(b.shared.withExclusiveLock('refresh', work, { timeoutMs: 20 })).rejects.toBeInstanceOf(
    StorageException,
  );
  expect(work).not.toHaveBeenCalled();
  release();
  await held;
  expect(requestSessionsSize().locks).toBe(0);
});

it('leaves a storage that is already shared as it is', () => {
  const value = fresh('x');
  const { shared } = request({ s: value });
  expect(isSharedKeyValueStorage(shared)).toBe(true);
  expect(shareAcrossRequests(shared)).toBe(shared);
  const memory = new InMemoryKeyValueStorage();
  expect(isSharedKeyValueStorage(shareAcrossRequests(memory))).toBe(true);
});

it('still answers the replacement when this request cannot take it (headers sent), with a warning that holds no value', async () => {
  const old = sessionValue();
  const renewed = sessionValue();
  await request({ s: old }).shared.setItem('s', renewed);
  const late: KeyValueStorage = {
    getItem: async () => old,
    setItem: async () => {
      throw new Error('the response headers were already sent');
    },
    removeItem: async () => undefined,
  };
  const mark = logMark();
  expect(await shareAcrossRequests(late).getItem('s')).toBe(renewed);
  const logged = loggedSince(mark).join('\n');
  expect(logged).toContain('WARN');
  expect(leakedSecrets(logged)).toEqual([]);
  expect(jwtsIn(logged)).toEqual([]);
});

it('keeps a cookie storage read at once, except when a replacement must be written through', async () => {
  const old = fresh('old');
  /** A request's cookie-like storage that reads at once (model/readNow.ts). */
  const cookieRequest = () => {
    const inner = new Map([['s', old]]);
    const storage = {
      getItem: async (k: string) => inner.get(k) ?? null,
      setItem: async (k: string, v: string) => void inner.set(k, v),
      removeItem: async (k: string) => void inner.delete(k),
      [READ_NOW]: (k: string) => inner.get(k) ?? null,
    };
    return { inner, shared: shareAcrossRequests(storage) };
  };
  const first = cookieRequest();
  expect(readNowOf(first.shared)!('s')).toBe(old);
  expect(readNowOf(first.shared)!('missing')).toBeNull();
  const renewed = fresh('new');
  await first.shared.setItem('s', renewed); // a refresh: old -> renewed
  const second = cookieRequest();
  // The second request still carries `old`: not answered at once, so the plugin reads through getItem,
  // which gives the replacement and writes it to that request's cookies.
  expect(readNowOf(second.shared)!('s')).toBeUndefined();
  expect(await second.shared.getItem('s')).toBe(renewed);
  expect(second.inner.get('s')).toBe(renewed);
  // A storage that does not read at once is not made to.
  expect(readNowOf(request({ s: old }).shared)).toBeUndefined();
});
