#!/usr/bin/env node
// `npm test`: build, API check, typecheck, lint, import-cycle and layer check, then every Jest project,
// each phase timed; a summary of the phase times closes the run. Stops at the first failing phase.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const reporter = resolve(root, 'scripts', 'jest-phase-reporter.cjs');
const phases = [
  ['build', npm, ['run', 'build']],
  ['API check', npm, ['run', 'api:check']],
  ['typecheck', npm, ['run', 'typecheck']],
  ['lint', npm, ['run', 'lint']],
  ['cycles+layers', npm, ['run', 'check:cycles']],
  [
    'jest',
    process.execPath,
    [
      resolve(root, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--reporters',
      'default',
      '--reporters',
      reporter,
      ...process.argv.slice(2),
    ],
  ],
];

const times = [];
const started = Date.now();
const summary = () => {
  console.log('\nPhase times:');
  for (const [name, seconds] of times)
    console.log(`  ${name.padEnd(16)} ${seconds.toFixed(0).padStart(4)} s`);
  console.log(`  ${'total'.padEnd(16)} ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`);
};
for (const [name, command, args] of phases) {
  const t = Date.now();
  console.log(`\n=== ${name}`);
  const { status, signal } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  times.push([name, (Date.now() - t) / 1000]);
  console.log(`=== ${name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  if (status !== 0) {
    summary();
    console.error(`\nnpm test: the ${name} phase failed (${signal ?? `exit ${status}`})`);
    process.exit(status || 1);
  }
}
summary();
