// 2. Subscribe + unsubscribe pairs per second on a channel that has 100 other listeners, interleaved
// round by round with aws-amplify (lib/rounds.mjs). A process's rate here is partly a draw (aws-amplify's
// unsubscribe copies the channel's array twice per pair, so its rate rides on the garbage collector's
// and JIT's state in that process), so the rounds come from several fresh process pairs, pooled.
import { loadHub } from '../lib/hubs.mjs';
import { interleave } from '../lib/rounds.mjs';
import { row } from '../lib/row.mjs';
import { smoke } from '../lib/config.mjs';

const OTHERS = 100;
/** Fresh process pairs per run and kept rounds per pair (plus the usual warm-up rounds each). */
const PROCESSES = smoke ? 2 : 12;
const ROUNDS = smoke ? 3 : 10;

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
    { processes: PROCESSES, rounds: ROUNDS },
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
