// 1. Hub publish throughput (events/s) with 1, 10 and 100 trivial listeners on one channel, Plugboard
// against aws-amplify, node:events, mitt and nanoevents, interleaved round by round (lib/rounds.mjs).
import { LIBRARY_NAMES, loadHub } from '../lib/hubs.mjs';
import { interleave } from '../lib/rounds.mjs';
import { row } from '../lib/row.mjs';

const LISTENERS = [1, 10, 100];
const ALTERNATING = 'alternating';
const PEERS = ['nodeEvents', 'awsAmplify', 'mitt', 'nanoevents'];
/** Targets per peer and listener count: at least as fast as node:events everywhere. */
const TARGETS = {
  nodeEvents: { 1: 1, 10: 1, 100: 1 },
  awsAmplify: { 10: 3 },
};

/** In a child process: one batch function per listener count; each checks every delivery happened. */
export async function cases({ library }) {
  const hub = await loadHub(library);
  const batches = {};
  for (const count of LISTENERS) {
    const channel = `bench-publish-${count}`;
    let delivered = 0;
    for (let i = 0; i < count; i++) hub.subscribe(channel, () => void delivered++);
    batches[count] = (n) => {
      delivered = 0;
      hub.publishBatch(channel, n);
      if (delivered !== n * count)
        throw new Error(`${library}: ${delivered} deliveries, expected ${n * count}`);
    };
  }
  // Two channels with one listener each, published to in turn: no burst on one channel.
  const pair = ['bench-alternate-a', 'bench-alternate-b'];
  let alternated = 0;
  for (const channel of pair) hub.subscribe(channel, () => void alternated++);
  batches[ALTERNATING] = (n) => {
    alternated = 0;
    hub.publishAlternating(pair, n);
    if (alternated !== n) throw new Error(`${library}: ${alternated} deliveries, expected ${n}`);
  };
  return batches;
}

export async function measure() {
  const libraries = ['plugboard', ...PEERS];
  const results = await interleave(
    import.meta.url,
    'cases',
    Object.fromEntries(libraries.map((library) => [library, { library }])),
    [...LISTENERS.map(String), ALTERNATING],
  );
  const alternating = results[ALTERNATING];
  const alternatingRow = row({
    group: 'hubPublish',
    name: 'Hub publish, 1 listener, 2 channels in turn vs node:events',
    plugboard: alternating.rate('plugboard'),
    peer: LIBRARY_NAMES.nodeEvents,
    peerValue: alternating.rate('nodeEvents'),
    unit: 'events/s',
    ratios: alternating.ratios('plugboard', 'nodeEvents'),
    target: { kind: 'ratioAtLeast', value: 1 },
    note: 'every publish changes channel: the channel lookup (a map from name to its subscription array) runs every time.',
  });
  const rows = LISTENERS.flatMap((count) => {
    const result = results[count];
    return PEERS.map((peer) => {
      const goal = TARGETS[peer]?.[count];
      return row({
        group: 'hubPublish',
        name: `Hub publish, ${count} listener${count > 1 ? 's' : ''} vs ${LIBRARY_NAMES[peer]}`,
        plugboard: result.rate('plugboard'),
        peer: LIBRARY_NAMES[peer],
        peerValue: result.rate(peer),
        unit: 'events/s',
        ratios: result.ratios('plugboard', peer),
        target: goal === undefined ? undefined : { kind: 'ratioAtLeast', value: goal },
      });
    });
  });
  return [...rows, alternatingRow];
}
