// 2. Subscribe + unsubscribe pairs per second on a channel that has 100 other listeners, interleaved
// round by round with aws-amplify (lib/rounds.mjs).
import { loadHub } from '../lib/hubs.mjs';
import { interleave } from '../lib/rounds.mjs';
import { row } from '../lib/row.mjs';

const OTHERS = 100;

/** In a child process: the subscribe+unsubscribe batch of one library. */
export async function cases({ library }) {
  const hub = await loadHub(library);
  const channel = 'bench-subscribe';
  const listener = () => undefined;
  for (let i = 0; i < OTHERS; i++) hub.subscribe(channel, () => undefined);
  return { pairs: (n) => hub.subscribeUnsubscribeBatch(channel, listener, n) };
}

export async function measure() {
  const { pairs } = await interleave(
    import.meta.url,
    'cases',
    { plugboard: { library: 'plugboard' }, awsAmplify: { library: 'awsAmplify' } },
    ['pairs'],
  );
  return [
    row({
      group: 'hubSubscribe',
      name: `Hub subscribe+unsubscribe, ${OTHERS} others`,
      plugboard: pairs.rate('plugboard'),
      awsAmplify: pairs.rate('awsAmplify'),
      unit: 'pairs/s',
      ratios: pairs.ratios('plugboard', 'awsAmplify'),
      target: { kind: 'ratioAtLeast', value: 5 },
    }),
  ];
}
