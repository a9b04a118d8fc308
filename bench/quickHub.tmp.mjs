import { interleave } from './lib/rounds.mjs';
const url = new URL('./measures/hubPublish.mjs', import.meta.url).href;
const r = await interleave(url, 'cases', { plugboard: { library: 'plugboard' }, nodeEvents: { library: 'nodeEvents' } }, ['1', '10', '100', 'alternating']);
for (const k of ['1', '10', '100', 'alternating']) {
  const s = r[k].ratios('plugboard', 'nodeEvents');
  console.log(k, JSON.stringify(s));
}
