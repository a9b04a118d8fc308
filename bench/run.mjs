// `npm run bench`: Plugboard vs aws-amplify v6, measured in the same run from the built output.
// Prints a table and writes JSON to bench-results.json at the repository root (or $BENCH_JSON).
// BENCH_SMOKE=1 uses tiny iteration counts: it checks the benchmark works, its numbers mean nothing.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, platform, release, totalmem, arch } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { smoke } from './lib/config.mjs';
import { formatTable } from './lib/table.mjs';

const MEASURES = [
  'hubPublish',
  'hubSubscribe',
  'hubHeap',
  'warmFetch',
  'wireRequests',
  'importCost',
  'bundleSize',
  'browserBytes',
  'bridgeBundle',
  'srpCompute',
  's3Upload',
  'storageBundle',
  'serverContext',
  'serverRequests',
  'tabRequests',
];
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const version = (name) => require(`${name}/package.json`).version;

function machine() {
  const list = cpus();
  return {
    platform: `${platform()} ${release()} ${arch()}`,
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

const versions = {
  '@plugboard/core': version('@plugboard/core'),
  '@plugboard/auth-cognito-plugin': version('@plugboard/auth-cognito-plugin'),
  'aws-amplify': version('aws-amplify'),
  '@aws-amplify/auth': version('@aws-amplify/auth'),
  '@plugboard/storage-s3-plugin': version('@plugboard/storage-s3-plugin'),
  '@aws-sdk/lib-storage': version('@aws-sdk/lib-storage'),
  esbuild: version('esbuild'),
};

const started = Date.now();
const results = [];
for (const name of MEASURES) {
  const t = Date.now();
  process.stderr.write(`bench: ${name}...`);
  const { measure } = await import(`./measures/${name}.mjs`);
  results.push(...(await measure()));
  process.stderr.write(` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
}

const output = process.env.BENCH_JSON ? resolve(process.env.BENCH_JSON) : resolve(root, 'bench-results.json');
const report = { machine: machine(), versions, smoke, seconds: (Date.now() - started) / 1000, results };
writeFileSync(output, JSON.stringify(report, null, 2) + '\n');

console.log(
  `Plugboard vs aws-amplify ${versions['aws-amplify']} on ${report.machine.cpu} x${report.machine.cores}, Node ${process.version}${smoke ? ' (SMOKE RUN: numbers are not meaningful)' : ''}`,
);
console.log('ratio = plugboard / peer; IQR = interquartile range of the per-round ratios\n');
console.log(formatTable(results));
console.log(
  `\n${results.filter((r) => r.met === true).length} of ${results.filter((r) => r.met !== null).length} targets met; ${report.seconds.toFixed(0)} s; JSON: ${output}`,
);
