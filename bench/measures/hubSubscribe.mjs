// 2. Subscribe + unsubscribe pairs per second on a channel that has 100 other subscribers.
import { inChild } from '../lib/child.mjs';
import { loadHub } from '../lib/hubs.mjs';
import { opsPerSecond } from '../lib/timing.mjs';
import { row } from '../lib/row.mjs';

const OTHERS = 100;

export async function sample({ library }) {
  const hub = await loadHub(library);
  const channel = 'bench-subscribe';
  const listener = () => undefined;
  for (let i = 0; i < OTHERS; i++) hub.subscribe(channel, () => undefined);
  return opsPerSecond((n) => hub.subscribeUnsubscribeBatch(channel, listener, n));
}

export async function measure() {
  const plugboard = await inChild(import.meta.url, 'sample', { library: 'plugboard' });
  const awsAmplify = await inChild(import.meta.url, 'sample', { library: 'awsAmplify' });
  return [
    row({
      group: 'hubSubscribe',
      name: `Hub subscribe+unsubscribe, ${OTHERS} others`,
      plugboard,
      awsAmplify,
      unit: 'pairs/s',
      target: { kind: 'ratioAtLeast', value: 5 },
    }),
  ];
}
