// 3. Heap growth after many subscribe/unsubscribe pairs, each on a channel name never used before.
import { inChild } from '../lib/child.mjs';
import { counts } from '../lib/config.mjs';
import { loadHub } from '../lib/hubs.mjs';
import { row } from '../lib/row.mjs';

const MB = 1024 * 1024;

function settledHeap() {
  for (let i = 0; i < 5; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** In a child started with --expose-gc: heap bytes kept after `pairs` pairs (after a warm-up). */
export async function sample({ library, pairs, warmup }) {
  const hub = await loadHub(library);
  const listener = () => undefined;
  hub.churnBatch('warmup-', listener, warmup);
  const before = settledHeap();
  hub.churnBatch('measured-', listener, pairs);
  return settledHeap() - before;
}

export async function measure() {
  const args = { pairs: counts.heapPairs, warmup: counts.heapWarmup };
  const options = { execArgv: ['--expose-gc'] };
  const plugboard = await inChild(import.meta.url, 'sample', { library: 'plugboard', ...args }, options);
  const awsAmplify = await inChild(import.meta.url, 'sample', { library: 'awsAmplify', ...args }, options);
  return [
    row({
      group: 'hubHeap',
      name: `Hub heap growth, ${args.pairs.toExponential(0).replace('+', '')} pairs`,
      plugboard: plugboard / MB,
      awsAmplify: awsAmplify / MB,
      unit: 'MB',
      target: { kind: 'below', value: 1 },
    }),
  ];
}
