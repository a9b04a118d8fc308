import { interleave, summarize } from '../lib/rounds.mjs';
const url = new URL('../measures/hubPublish.mjs', import.meta.url).href;
const peers = (process.argv[2] ?? 'nodeEvents').split(',');
const libs = ['plugboard', ...peers];
const r = await interleave(url, 'cases', Object.fromEntries(libs.map((l) => [l, { library: l }])), ['1', '10', '100']);
for (const c of ['1', '10', '100']) for (const p of peers) { const s = summarize(r[c].ratios('plugboard', p)); console.log(c, p, (r[c].rate('plugboard')/1e6).toFixed(1), (r[c].rate(p)/1e6).toFixed(1), s.median.toFixed(2), s.q1.toFixed(2), s.q3.toFixed(2)); }
