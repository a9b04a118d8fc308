// 1. Hub publish throughput (events/s) with 1, 10 and 100 trivial subscribers on one channel.
import { inChild } from '../lib/child.mjs';
import { loadHub } from '../lib/hubs.mjs';
import { opsPerSecond } from '../lib/timing.mjs';
import { row } from '../lib/row.mjs';

const SUBSCRIBERS = [1, 10, 100];

/** In a child process: events/s for each subscriber count, checking every event was delivered. */
export async function sample({ library }) {
  const hub = await loadHub(library);
  const rates = {};
  for (const count of SUBSCRIBERS) {
    const channel = `bench-publish-${count}`;
    let delivered = 0;
    const tokens = Array.from({ length: count }, () => hub.subscribe(channel, () => void delivered++));
    let published = 0;
    rates[count] = opsPerSecond((n) => {
      hub.publishBatch(channel, n);
      published += n;
    });
    if (delivered !== published * count)
      throw new Error(`${library}: ${delivered} deliveries, expected ${published * count}`);
    tokens.forEach(hub.unsubscribe);
  }
  return rates;
}

export async function measure() {
  const plugboard = await inChild(import.meta.url, 'sample', { library: 'plugboard' });
  const awsAmplify = await inChild(import.meta.url, 'sample', { library: 'awsAmplify' });
  return SUBSCRIBERS.map((count) =>
    row({
      group: 'hubPublish',
      name: `Hub publish, ${count} subscriber${count > 1 ? 's' : ''}`,
      plugboard: plugboard[count],
      awsAmplify: awsAmplify[count],
      unit: 'events/s',
      target: count === 10 ? { kind: 'ratioAtLeast', value: 3 } : undefined,
    }),
  );
}
