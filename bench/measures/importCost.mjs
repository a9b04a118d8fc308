// 6. Import cost: wall time of a fresh `node` that imports each library, minus a bare `node -e 0`.
import { timeNode } from '../lib/child.mjs';
import { counts } from '../lib/config.mjs';
import { median } from '../lib/stats.mjs';
import { row } from '../lib/row.mjs';

const esm = (code) => ['--input-type=module', '-e', code];
const COMMANDS = {
  baseline: ['-e', '0'],
  plugboard: esm("await import('@plugboard/core'); await import('@plugboard/auth-cognito-plugin');"),
  awsAmplify: esm("await import('aws-amplify'); await import('aws-amplify/auth');"),
};

export async function measure() {
  const times = { baseline: [], plugboard: [], awsAmplify: [] };
  for (const args of Object.values(COMMANDS)) await timeNode(args); // fill the file-system cache
  // Interleaved, so a slow moment of the machine hits all three alike.
  for (let i = 0; i < counts.importRuns; i++) {
    for (const [name, args] of Object.entries(COMMANDS)) times[name].push(await timeNode(args));
  }
  const baseline = median(times.baseline);
  return [
    row({
      group: 'importCost',
      name: 'import cost over bare node',
      plugboard: median(times.plugboard) - baseline,
      awsAmplify: median(times.awsAmplify) - baseline,
      unit: 'ms',
      target: { kind: 'ratioAtMost', value: 0.25, label: '1/4' },
      note: `median of ${counts.importRuns} runs each; bare node -e 0 took ${baseline.toFixed(1)} ms.`,
    }),
  ];
}
