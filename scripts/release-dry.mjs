// `npm run release:dry`: everything a release does except publishing. For every published package:
//   1. its metadata is complete and agrees with the repository's (license, LICENSE file, engines,
//      repository/homepage/bugs, keywords, author, prepack, files);
//   2. it is packed (its `prepack` builds it) and the tarball holds LICENSE, README.md, CHANGELOG.md and
//      both builds; the tarballs are installed into a scratch app outside the repository from their files
//      alone (scripts/packed-app.mjs, the same install the consumer and README tests use);
//   3. `npm publish --dry-run` of each tarball;
//   4. the consumer test and the README test run against that install: a strict TypeScript consumer under
//      CommonJS and ESM, and every README block marked complete, as pasted.
// Nothing is published. `npm run release` runs this, then `changeset publish`. With `--no-tests` step 4 is
// left out (CI runs it in `npm test`'s Jest phase, against the same install).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv, preparePackedApp, publishedPackages, repoRoot } from './packed-app.mjs';

const started = Date.now();
const step = (text) => console.log(`\n[release:dry ${((Date.now() - started) / 1000).toFixed(0)}s] ${text}`);
const problems = [];

step('package metadata');
const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const license = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
for (const { name, dir } of publishedPackages()) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const expect = (ok, what) => ok || problems.push(`${name}: ${what}`);
  expect(manifest.license === root.license, `license is ${manifest.license}, not ${root.license}`);
  expect(
    existsSync(join(dir, 'LICENSE')) && readFileSync(join(dir, 'LICENSE'), 'utf8') === license,
    'LICENSE is missing or differs from the repository root LICENSE (copy it)',
  );
  expect(
    manifest.engines?.node === root.engines.node,
    `engines.node is ${manifest.engines?.node}, not the root's ${root.engines.node}`,
  );
  expect(
    manifest.repository?.url === root.repository.url,
    'repository.url differs from the root package.json',
  );
  expect(manifest.repository?.directory === `packages/${dir.split(/[\\/]/).pop()}`, 'repository.directory');
  expect(manifest.bugs?.url === root.bugs.url, 'bugs.url differs from the root package.json');
  expect(
    typeof manifest.homepage === 'string' && manifest.homepage.startsWith(root.repository.url.slice(4, -4)),
    'homepage',
  );
  expect(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, 'no keywords');
  expect(manifest.author === root.author, 'author differs from the root package.json');
  expect(/build\.mjs/.test(manifest.scripts?.prepack ?? ''), 'no prepack script that builds the package');
  expect(manifest.files?.includes('dist'), '"files" does not include dist');
  expect(manifest.publishConfig?.access === 'public', 'publishConfig.access is not public');
  expect(existsSync(join(dir, 'CHANGELOG.md')), 'no CHANGELOG.md');
}
if (problems.length > 0) fail();

step('packing and installing into a scratch app outside the repository');
const packed = await preparePackedApp({ log: (line) => console.log(`  ${line}`) });
console.log(`  ${packed.cached ? 'reused' : 'made'} ${packed.base}`);
for (const report of packed.packages) {
  const files = new Set(report.files);
  for (const required of [
    'LICENSE',
    'README.md',
    'CHANGELOG.md',
    'package.json',
    'dist/cjs/index.js',
    'dist/esm/index.js',
    'dist/cjs/index.d.ts',
  ])
    if (!files.has(required)) problems.push(`${report.name}: the tarball has no ${required}`);
  console.log(`  ${report.filename}: ${report.files.length} files, ${(report.size / 1024).toFixed(0)} kB`);
}
if (problems.length > 0) fail();

step('npm publish --dry-run of each tarball');
const publishes = await Promise.all(
  packed.tarballs.map((tarball) =>
    promisify(execFile)('npm', ['publish', '--dry-run', '--ignore-scripts', tarball], {
      cwd: packed.base,
      env: cleanEnv(),
      encoding: 'utf8',
    }),
  ),
);
for (const { stdout } of publishes) console.log(`  ${stdout.trim().split('\n').pop()}`);

if (process.argv.includes('--no-tests')) {
  // .ci/run passes this after `npm test`, whose Jest run has already run both tests against this install.
  step('done: nothing was published (consumer and README tests skipped: --no-tests)');
  process.exit(problems.length ? 1 : 0);
}
step('the consumer test and every complete README block, in that install');
try {
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
      'examples/federation-demo/test/consumer.test.ts',
      'examples/federation-demo/test/readme.test.ts',
    ],
    { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, PLUGBOARD_PACKED_APP: packed.base } },
  );
} catch {
  problems.push('the consumer or README test failed (above)');
  fail();
}
step('done: nothing was published');

function fail() {
  console.error(`\nrelease:dry failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
