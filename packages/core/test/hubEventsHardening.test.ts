import * as core from '../src/index.js';
import * as internals from '../src/internals.js';
import {
  Amplify,
  Hub,
  HubChannel,
  HubException,
  type HubEvent,
  type HubPublisher,
  type PluginContext,
} from '../src/index.js';
import { captureLogs } from './support/captureLogs.js';

let channelNumber = 0;
const freshChannel = (): string => `events-hardening-${++channelNumber}`;

/** The publisher `Amplify.configure` hands a registered auth plugin. */
async function registeredAuthPublisher(): Promise<HubPublisher> {
  let context: PluginContext | undefined;
  await Amplify.reset();
  Amplify.addPlugin({
    getPluginKey: () => 'eventsHardeningPlugin',
    getCategoryType: () => 'auth',
    configure: (_section, given) => void (context = given),
  });
  Amplify.configure({});
  return context!.hub;
}

/** Subscribes `listeners` to `channel` in order; returns a function that unsubscribes them all. */
function subscribeAll(channel: string, ...listeners: ((event: HubEvent) => void)[]): () => void {
  const tokens = listeners.map((listener) => Hub.subscribe(channel, listener));
  return () => tokens.forEach((token) => token.unsubscribe());
}

/** Every way a listener may try to change an event for the listeners after it. */
function tamper(event: HubEvent): void {
  const attempts: (() => unknown)[] = [
    () => ((event as { name: string }).name = 'FORGED'),
    () => ((event as { data: unknown }).data = { username: 'mallory' }),
    () => Object.defineProperty(event, 'name', { value: 'FORGED' }),
    () => Object.defineProperty(event, 'name', { get: () => 'FORGED' }),
    () => Object.setPrototypeOf(event, { name: 'FORGED' }),
    () => delete (event as { name?: string }).name,
    () => ((event.data as { username: string }).username = 'mallory'),
    () => ((event.data as { nested: { ids: string[] } }).nested.ids[0] = 'forged-id'),
    () => (event.data as { nested: { ids: string[] } }).nested.ids.push('extra'),
  ];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch {
      // Frozen: the attempt throws in strict mode.
    }
  }
}

const authData = () => ({ username: 'alice', userId: 'sub-1', nested: { ids: ['a', 'b'] } });

afterAll(async () => {
  await Amplify.reset();
});

describe('events are frozen before delivery', () => {
  it('a protected-channel event reaches every later listener as published, deeply frozen', async () => {
    const publisher = await registeredAuthPublisher();
    const seen: HubEvent[] = [];
    const stop = subscribeAll(
      HubChannel.AUTH,
      tamper,
      (event) => void seen.push(event),
      tamper,
      (event) => void seen.push(event),
    );
    try {
      publisher.publish(HubChannel.AUTH, { name: 'SIGNED_IN', data: authData() } as never);
    } finally {
      stop();
    }
    expect(seen).toHaveLength(2);
    for (const event of seen) {
      expect(event).toEqual({ name: 'SIGNED_IN', data: authData() });
      expect(Object.isFrozen(event)).toBe(true);
      expect(Object.isFrozen(event.data)).toBe(true);
      expect(Object.isFrozen((event.data as { nested: object }).nested)).toBe(true);
      expect(Object.isFrozen((event.data as { nested: { ids: object } }).nested.ids)).toBe(true);
    }
  });

  it('freezes re-entrant (queued) protected events, cyclic data and data holding typed arrays', async () => {
    const publisher = await registeredAuthPublisher();
    const cyclic: Record<string, unknown> = { bytes: new Uint8Array([1, 2]) };
    cyclic.self = cyclic;
    const seen: HubEvent[] = [];
    const stop = subscribeAll(
      HubChannel.AUTH,
      (event) => {
        if (event.name === 'OUTER')
          publisher.publish(HubChannel.AUTH, { name: 'INNER', data: cyclic } as never);
        tamper(event);
      },
      (event) => void seen.push(event),
    );
    try {
      publisher.publish(HubChannel.AUTH, { name: 'OUTER', data: authData() } as never);
    } finally {
      stop();
    }
    expect(seen.map((event) => event.name)).toEqual(['OUTER', 'INNER']);
    expect(Object.isFrozen(seen[1]!.data)).toBe(true);
    expect(seen[1]!.data).toBe(cyclic);
  });

  it('refuses protected-channel data it cannot freeze, delivering nothing', async () => {
    const publisher = await registeredAuthPublisher();
    const listener = jest.fn();
    const stop = subscribeAll(HubChannel.AUTH, listener);
    const data = new Proxy({}, { preventExtensions: () => false });
    try {
      expect(() => publisher.publish(HubChannel.AUTH, { name: 'SIGNED_OUT', data } as never)).toThrow(
        HubException,
      );
    } finally {
      stop();
    }
    expect(listener).not.toHaveBeenCalled();
  });

  it('on an unprotected channel, a listener that replaces name or data changes nothing for later listeners', () => {
    const channel = freshChannel();
    const data = { n: 1 };
    const seen: HubEvent[] = [];
    const replace = (event: HubEvent) => {
      (event as { name: string }).name = 'FORGED';
      (event as { data: unknown }).data = { n: 2 };
    };
    const redefine = (event: HubEvent) => void Object.defineProperty(event, 'name', { value: 'FORGED' });
    const stop = subscribeAll(
      channel,
      replace,
      (e) => void seen.push(e),
      redefine,
      (e) => void seen.push(e),
    );
    try {
      Hub.publish(channel, { name: 'placed', data });
    } finally {
      stop();
    }
    expect(seen.map((event) => [event.name, event.data])).toEqual([
      ['placed', data],
      ['placed', data],
    ]);
    expect(seen[0]!.data).toBe(data);
  });

  it('on an unprotected channel too, the data is deeply frozen before the first listener', () => {
    const channel = freshChannel();
    const data = authData();
    const seen: unknown[] = [];
    const stop = subscribeAll(channel, tamper, (event) => void seen.push(structuredClone(event.data)));
    try {
      Hub.publish(channel, { name: 'placed', data });
    } finally {
      stop();
    }
    expect(seen).toEqual([authData()]);
    expect(Object.isFrozen(data.nested.ids)).toBe(true);
  });
});

describe('no export hands app code a publisher for a protected channel', () => {
  const forged = { name: 'SIGNED_IN', data: { username: 'mallory', userId: 'forged' } };
  const argumentLists = [
    [],
    ['auth'],
    ['auth', 'awsCognitoAuthPlugin'],
    [HubChannel.AUTH, forged],
    ['hub.bus.v2'],
  ];

  /** Calls `publish` on whatever `value` offers, in every shape a publisher could take. */
  function tryPublishing(value: unknown): void {
    if (typeof (value as { then?: unknown } | null)?.then === 'function') {
      (value as Promise<unknown>).then(tryPublishing, () => undefined);
      return;
    }
    const candidates = [value, (value as { hub?: unknown } | null)?.hub];
    for (const candidate of candidates) {
      const publish = (candidate as { publish?: unknown } | null | undefined)?.publish;
      if (typeof publish !== 'function') continue;
      for (const args of [
        [HubChannel.AUTH, forged],
        [HubChannel.AUTH, forged, false],
      ]) {
        try {
          publish.apply(candidate, args);
        } catch {
          // A refusal is what we want.
        }
      }
    }
  }

  it('no function of @plugboard/core or @plugboard/core/internals yields one, whatever it is called with', async () => {
    const heard: string[] = [];
    const logs = captureLogs('NONE');
    const stop = subscribeAll(HubChannel.AUTH, (event) => void heard.push(event.name));
    try {
      for (const entry of [core, internals] as Record<string, unknown>[]) {
        for (const [name, exported] of Object.entries(entry)) {
          if (typeof exported !== 'function' || /^class\b/.test(Function.prototype.toString.call(exported)))
            continue;
          if (name === 'configure') continue;
          for (const args of argumentLists) {
            try {
              tryPublishing((exported as (...a: unknown[]) => unknown)(...args));
            } catch {
              // Refused arguments.
            }
          }
        }
      }
      tryPublishing(Hub);
      tryPublishing(Amplify);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      stop();
      logs.restore();
    }
    expect(heard).toEqual([]);
  });

  it("internals' createPluginContext records what a plugin publishes and delivers none of it", () => {
    const heard = jest.fn();
    const stop = subscribeAll(HubChannel.AUTH, heard);
    const context = internals.createPluginContext('auth', 'awsCognitoAuthPlugin');
    try {
      context.hub.publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });
      expect(() => context.hub.publish(HubChannel.STORAGE, { name: 'x' } as never)).toThrow(HubException);
    } finally {
      stop();
    }
    expect(heard).not.toHaveBeenCalled();
    expect(context.published).toEqual([{ channel: 'auth', event: { name: 'SIGNED_OUT' } }]);
    expect(Object.isFrozen(context.published[0]!.event)).toBe(true);
  });

  it('a subscription token exposes neither its channel nor the other subscriptions', () => {
    const heard: string[] = [];
    const token = Hub.subscribe(HubChannel.AUTH, (event) => void heard.push(event.name));
    try {
      expect((token as unknown as { channel?: unknown }).channel).toBeUndefined();
      expect(Object.keys(token)).not.toContain('channel');
      // A token made with the class behind the Hub's tokens cannot make the Hub forget a channel.
      const Token = (token as unknown as { constructor: new (...args: unknown[]) => { unsubscribe(): void } })
        .constructor;
      new Token({ name: HubChannel.AUTH, protected: false, list: [], shared: false }, () => {}).unsubscribe();
      expect(() => Hub.publish(HubChannel.AUTH, forged as never)).toThrow(HubException);
      expect(heard).toEqual([]);
    } finally {
      token.unsubscribe();
    }
  });

  it('the exported list of protected channels cannot be changed', () => {
    expect(Object.isFrozen(internals.PROTECTED_CHANNELS)).toBe(true);
    expect(() => (internals.PROTECTED_CHANNELS as string[]).pop()).toThrow(TypeError);
    expect(internals.isProtectedChannel('auth')).toBe(true);
  });
});
