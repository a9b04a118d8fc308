import { Amplify, HubCategory, HubChannel, HubException, Hub, type HubEvent } from '../src/index.js';
import { PROTECTED_CHANNELS } from '../src/internals.js';
import { createHubPublisher } from '../src/hub/createHubPublisher.js';
import { getHubBus } from '../src/hub/HubBus.js';
import { captureLogs, flushPromises } from './support/captureLogs.js';

let channelNumber = 0;
/** A channel name no other test uses. */
function freshChannel(): string {
  return `test-channel-${++channelNumber}`;
}

describe('Hub', () => {
  it('is the same object as Amplify.Hub and a HubCategory', () => {
    expect(Hub).toBe(Amplify.Hub);
    expect(Hub).toBeInstanceOf(HubCategory);
  });

  describe('subscribe', () => {
    it('delivers every published event to the listener, in publish order', () => {
      const channel = freshChannel();
      const seen: string[] = [];
      Hub.subscribe(channel, (event) => void seen.push(event.name));
      Hub.publish(channel, { name: 'one' });
      Hub.publish(channel, { name: 'two', data: 2 });
      expect(seen).toEqual(['one', 'two']);
    });

    it('passes the event object with its data untouched', () => {
      const channel = freshChannel();
      const received: HubEvent[] = [];
      Hub.subscribe(channel, (event) => void received.push(event));
      const event = { name: 'order', data: { id: 7 } };
      Hub.publish(channel, event);
      expect(received).toEqual([event]);
    });

    it('delivers to every subscriber in subscription order', () => {
      const channel = freshChannel();
      const order: number[] = [];
      for (let i = 0; i < 5; i++) Hub.subscribe(channel, () => void order.push(i));
      Hub.publish(channel, { name: 'go' });
      expect(order).toEqual([0, 1, 2, 3, 4]);
    });

    it('does not deliver events of other channels', () => {
      const a = freshChannel();
      const b = freshChannel();
      const listener = jest.fn();
      Hub.subscribe(a, listener);
      Hub.publish(b, { name: 'elsewhere' });
      expect(listener).not.toHaveBeenCalled();
    });

    it('makes two subscriptions when the same function is subscribed twice', () => {
      const channel = freshChannel();
      const listener = jest.fn();
      const first = Hub.subscribe(channel, listener);
      Hub.subscribe(channel, listener);
      Hub.publish(channel, { name: 'x' });
      expect(listener).toHaveBeenCalledTimes(2);
      first.unsubscribe();
      Hub.publish(channel, { name: 'y' });
      expect(listener).toHaveBeenCalledTimes(3);
    });

    it('with a filter delivers only the events the filter accepts', () => {
      const channel = freshChannel();
      const seen: string[] = [];
      Hub.subscribe(
        channel,
        (event) => event.name.startsWith('keep'),
        (event) => void seen.push(event.name),
      );
      Hub.publish(channel, { name: 'keep-1' });
      Hub.publish(channel, { name: 'drop' });
      Hub.publish(channel, { name: 'keep-2' });
      expect(seen).toEqual(['keep-1', 'keep-2']);
    });

    it('treats a throwing filter like a throwing listener: logged, others still served', () => {
      const logs = captureLogs('ERROR');
      try {
        const channel = freshChannel();
        const after = jest.fn();
        Hub.subscribe(
          channel,
          () => {
            throw new Error('filter broke');
          },
          jest.fn(),
        );
        Hub.subscribe(channel, after);
        expect(() => Hub.publish(channel, { name: 'x' })).not.toThrow();
        expect(after).toHaveBeenCalledTimes(1);
        expect(logs.entries).toHaveLength(1);
      } finally {
        logs.restore();
      }
    });

    it('rejects a missing listener with HubException', () => {
      expect(() => Hub.subscribe(freshChannel(), undefined as never)).toThrow(HubException);
      expect(() => Hub.subscribe(freshChannel(), 'nope' as never, jest.fn())).toThrow(HubException);
    });
  });

  describe('unsubscribe', () => {
    it('stops delivery through the token and is idempotent', () => {
      const channel = freshChannel();
      const listener = jest.fn();
      const token = Hub.subscribe(channel, listener);
      token.unsubscribe();
      token.unsubscribe();
      Hub.unsubscribe(token);
      Hub.publish(channel, { name: 'x' });
      expect(listener).not.toHaveBeenCalled();
    });

    it('stops delivery through Hub.unsubscribe and leaves the other subscriptions alone', () => {
      const channel = freshChannel();
      const order: string[] = [];
      Hub.subscribe(channel, () => void order.push('a'));
      const b = Hub.subscribe(channel, () => void order.push('b'));
      Hub.subscribe(channel, () => void order.push('c'));
      Hub.unsubscribe(b);
      Hub.unsubscribe(b);
      Hub.publish(channel, { name: 'x' });
      expect(order).toEqual(['a', 'c']);
    });

    it('ignores objects that are not tokens of the Hub', () => {
      expect(() => Hub.unsubscribe({ unsubscribe() {} })).not.toThrow();
    });

    it('removes a channel from memory once its last subscriber leaves', () => {
      const bus = getHubBus();
      const before = bus.channels.size;
      const channel = freshChannel();
      const a = Hub.subscribe(channel, jest.fn());
      const b = Hub.subscribe(channel, jest.fn());
      expect(bus.channels.size).toBe(before + 1);
      a.unsubscribe();
      expect(bus.channels.size).toBe(before + 1);
      b.unsubscribe();
      expect(bus.channels.size).toBe(before);
      expect(bus.channels.has(channel)).toBe(false);
    });

    it('delivers to a channel re-created after its last subscriber left, right after publishing there', () => {
      const channel = freshChannel();
      const first = jest.fn();
      const token = Hub.subscribe(channel, first);
      Hub.publish(channel, { name: 'one' });
      token.unsubscribe();
      Hub.publish(channel, { name: 'lost' });
      const second = jest.fn();
      Hub.subscribe(channel, second);
      Hub.publish(channel, { name: 'two' });
      expect(first.mock.calls.map(([event]) => event.name)).toEqual(['one']);
      expect(second.mock.calls.map(([event]) => event.name)).toEqual(['two']);
    });

    it('keeps no channel in memory once its last subscriber leaves, even the one published to last', () => {
      const bus = getHubBus();
      const before = bus.channels.size;
      const channel = freshChannel();
      const token = Hub.subscribe(channel, jest.fn());
      Hub.publish(channel, { name: 'x' });
      token.unsubscribe();
      expect(bus.channels.size).toBe(before);
      expect(bus.channels.has(channel)).toBe(false);
    });

    it('keeps the list intact when the middle, the head and the tail are removed in any order', () => {
      const channel = freshChannel();
      const seen: number[] = [];
      const tokens = [0, 1, 2, 3, 4].map((i) => Hub.subscribe(channel, () => void seen.push(i)));
      tokens[2]!.unsubscribe();
      tokens[0]!.unsubscribe();
      tokens[4]!.unsubscribe();
      Hub.subscribe(channel, () => void seen.push(5));
      Hub.publish(channel, { name: 'x' });
      expect(seen).toEqual([1, 3, 5]);
      expect(getHubBus().channels.get(channel)?.list).toHaveLength(3);
    });
  });

  describe('publish', () => {
    it('protects the category channels of HubChannel, and only those', () => {
      const categories = Object.values(HubChannel).filter(
        (channel) => channel !== HubChannel.HUB && channel !== HubChannel.LOGGING,
      );
      expect([...PROTECTED_CHANNELS].sort()).toEqual(categories.sort());
    });

    it('does nothing when the channel has no subscribers and creates no channel', () => {
      const bus = getHubBus();
      const before = bus.channels.size;
      Hub.publish(freshChannel(), { name: 'nobody' });
      expect(bus.channels.size).toBe(before);
    });

    it.each([...PROTECTED_CHANNELS])(
      'refuses app events on protected channel %s and delivers nothing',
      (channel) => {
        const listener = jest.fn();
        const token = Hub.subscribe(channel, listener);
        try {
          expect(() => Hub.publish(channel, { name: 'SIGNED_OUT' } as never)).toThrow(HubException);
          expect(listener).not.toHaveBeenCalled();
        } finally {
          token.unsubscribe();
        }
      },
    );

    it('gives the refusal a recovery suggestion', () => {
      let caught: unknown;
      try {
        Hub.publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(HubException);
      expect((caught as HubException).recoverySuggestion).toMatch(/HUB|custom/);
    });

    it('accepts app events on the HUB and LOGGING channels', () => {
      for (const channel of [HubChannel.HUB, HubChannel.LOGGING]) {
        const listener = jest.fn();
        const token = Hub.subscribe(channel, listener);
        Hub.publish(channel, { name: 'app-event' });
        token.unsubscribe();
        expect(listener).toHaveBeenCalledWith({ name: 'app-event' });
      }
    });

    it('rejects an event without a string name', () => {
      const channel = freshChannel();
      const listener = jest.fn();
      Hub.subscribe(channel, listener);
      expect(() => Hub.publish(channel, null as never)).toThrow(HubException);
      expect(() => Hub.publish(channel, { data: 1 } as never)).toThrow(HubException);
      expect(listener).not.toHaveBeenCalled();
    });

    it('isolates a throwing listener: the publisher and later listeners are unaffected, the error is logged', () => {
      const logs = captureLogs('ERROR');
      try {
        const channel = freshChannel();
        const later = jest.fn();
        Hub.subscribe(channel, () => {
          throw new Error('listener broke');
        });
        Hub.subscribe(channel, later);
        expect(() => Hub.publish(channel, { name: 'x' })).not.toThrow();
        expect(later).toHaveBeenCalledTimes(1);
        expect(logs.entries).toHaveLength(1);
        expect(logs.entries[0]!.level).toBe('ERROR');
        expect(logs.entries[0]!.namespace).toBe('Hub');
        expect(logs.entries[0]!.message).toContain(channel);
        expect((logs.entries[0]!.details[0] as Error).message).toBe('listener broke');
      } finally {
        logs.restore();
      }
    });

    it('isolates a listener whose promise rejects: no unhandled rejection, the error is logged', async () => {
      const logs = captureLogs('ERROR');
      const unhandled = jest.fn();
      process.on('unhandledRejection', unhandled);
      try {
        const channel = freshChannel();
        const later = jest.fn();
        Hub.subscribe(channel, async () => {
          throw new Error('async listener broke');
        });
        Hub.subscribe(channel, later);
        Hub.publish(channel, { name: 'x' });
        expect(later).toHaveBeenCalledTimes(1);
        await flushPromises();
        expect(unhandled).not.toHaveBeenCalled();
        expect(logs.entries.map((e) => (e.details[0] as Error).message)).toEqual(['async listener broke']);
      } finally {
        process.off('unhandledRejection', unhandled);
        logs.restore();
      }
    });

    it('delivers events published from inside a listener after the current event, in one global order', () => {
      const a = freshChannel();
      const b = freshChannel();
      const log: string[] = [];
      Hub.subscribe(a, (event) => {
        log.push(`first:${event.name}`);
        if (event.name === 'a1') {
          Hub.publish(b, { name: 'b1' });
          Hub.publish(a, { name: 'a2' });
        }
      });
      Hub.subscribe(a, (event) => void log.push(`second:${event.name}`));
      Hub.subscribe(b, (event) => {
        log.push(`b:${event.name}`);
        if (event.name === 'b1') Hub.publish(a, { name: 'a3' });
      });
      Hub.publish(a, { name: 'a1' });
      expect(log).toEqual([
        'first:a1',
        'second:a1',
        'b:b1',
        'first:a2',
        'second:a2',
        'first:a3',
        'second:a3',
      ]);
    });

    it('keeps delivering queued events when a listener throws during a re-entrant publish', () => {
      const logs = captureLogs('NONE');
      try {
        const channel = freshChannel();
        const seen: string[] = [];
        Hub.subscribe(channel, (event) => {
          seen.push(event.name);
          if (event.name === 'outer') Hub.publish(channel, { name: 'inner' });
          throw new Error('always');
        });
        Hub.publish(channel, { name: 'outer' });
        Hub.publish(channel, { name: 'next' });
        expect(seen).toEqual(['outer', 'inner', 'next']);
      } finally {
        logs.restore();
      }
    });

    it('gives nothing more to a subscription removed during the delivery', () => {
      const channel = freshChannel();
      const seen: string[] = [];
      const tokens: { unsubscribe(): void }[] = [];
      Hub.subscribe(channel, (event) => {
        seen.push(`remover:${event.name}`);
        tokens[0]?.unsubscribe();
      });
      tokens[0] = Hub.subscribe(channel, (event) => void seen.push(`removed:${event.name}`));
      Hub.subscribe(channel, (event) => void seen.push(`last:${event.name}`));
      Hub.publish(channel, { name: 'x' });
      Hub.publish(channel, { name: 'y' });
      expect(seen).toEqual(['remover:x', 'last:x', 'remover:y', 'last:y']);
    });

    it('keeps going when a listener removes itself and its successor during the delivery', () => {
      const channel = freshChannel();
      const seen: string[] = [];
      const tokens: { unsubscribe(): void }[] = [];
      tokens.push(
        Hub.subscribe(channel, () => {
          seen.push('a');
          tokens[0]!.unsubscribe();
          tokens[1]!.unsubscribe();
        }),
      );
      tokens.push(Hub.subscribe(channel, () => void seen.push('b')));
      tokens.push(Hub.subscribe(channel, () => void seen.push('c')));
      Hub.publish(channel, { name: 'x' });
      Hub.publish(channel, { name: 'y' });
      expect(seen).toEqual(['a', 'c', 'c']);
    });

    it('does not give the event in flight to a subscription added during its delivery', () => {
      const channel = freshChannel();
      const seen: string[] = [];
      let added = false;
      Hub.subscribe(channel, (event) => {
        seen.push(`existing:${event.name}`);
        if (!added) {
          added = true;
          Hub.subscribe(channel, (e) => void seen.push(`added:${e.name}`));
        }
      });
      Hub.publish(channel, { name: 'x' });
      Hub.publish(channel, { name: 'y' });
      expect(seen).toEqual(['existing:x', 'existing:y', 'added:y']);
    });

    it('gives a queued event only to subscriptions that existed when it was published', () => {
      const channel = freshChannel();
      const seen: string[] = [];
      Hub.subscribe(channel, (event) => {
        if (event.name !== 'outer') return;
        Hub.publish(channel, { name: 'queued' });
        Hub.subscribe(channel, (e) => void seen.push(`late:${e.name}`));
      });
      Hub.subscribe(channel, (event) => void seen.push(`early:${event.name}`));
      Hub.publish(channel, { name: 'outer' });
      expect(seen).toEqual(['early:outer', 'early:queued']);
    });
  });
});

describe('createHubPublisher', () => {
  describe('publish', () => {
    it("lets an auth plugin's publisher publish on the AUTH channel", () => {
      const listener = jest.fn();
      const token = Hub.subscribe(HubChannel.AUTH, listener);
      try {
        createHubPublisher('auth').publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });
        expect(listener).toHaveBeenCalledWith({ name: 'SIGNED_OUT' });
      } finally {
        token.unsubscribe();
      }
    });

    it('lets a plugin publish on unprotected channels', () => {
      const channel = freshChannel();
      const listener = jest.fn();
      Hub.subscribe(channel, listener);
      createHubPublisher('auth').publish(channel, { name: 'custom' });
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it("refuses another category's protected channel and delivers nothing", () => {
      const listener = jest.fn();
      const token = Hub.subscribe(HubChannel.STORAGE, listener);
      try {
        expect(() =>
          createHubPublisher('auth').publish(HubChannel.STORAGE, {
            name: 'REMOVED',
            data: { path: 'x', bucket: 'b' },
          }),
        ).toThrow(HubException);
        expect(() =>
          createHubPublisher('my-custom-category').publish(HubChannel.AUTH, { name: 'SIGNED_OUT' }),
        ).toThrow(HubException);
        expect(listener).not.toHaveBeenCalled();
      } finally {
        token.unsubscribe();
      }
    });

    it('joins the same ordered queue as Hub.publish', () => {
      const channel = freshChannel();
      const log: string[] = [];
      const publisher = createHubPublisher('auth');
      const authToken = Hub.subscribe(HubChannel.AUTH, (event) => void log.push(`auth:${event.name}`));
      Hub.subscribe(channel, (event) => {
        log.push(`app:${event.name}`);
        if (event.name === 'first') {
          publisher.publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });
          Hub.publish(channel, { name: 'second' });
        }
      });
      try {
        Hub.publish(channel, { name: 'first' });
        expect(log).toEqual(['app:first', 'auth:SIGNED_OUT', 'app:second']);
      } finally {
        authToken.unsubscribe();
      }
    });
  });
});

describe('HubCategory', () => {
  describe('constructor', () => {
    it('shares the process bus, so a new instance reaches the same subscribers', () => {
      const channel = freshChannel();
      const listener = jest.fn();
      Hub.subscribe(channel, listener);
      new HubCategory().publish(channel, { name: 'x' });
      expect(listener).toHaveBeenCalledTimes(1);
    });
  });
});
