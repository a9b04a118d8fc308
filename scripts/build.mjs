// Builds every package to CommonJS (dist/cjs) and ESM (dist/esm) with declarations.
// `--clean` removes the build output instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'tsconfig.cjs.json')),
);

if (process.argv.includes('--clean')) {
  for (const name of packages) rmSync(join(packagesDir, name, 'dist'), { recursive: true, force: true });
  process.exit(0);
}

const configs = packages.flatMap((name) => [
  join('packages', name, 'tsconfig.cjs.json'),
  join('packages', name, 'tsconfig.esm.json'),
]);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-b', ...configs], { cwd: root, stdio: 'inherit' });

// Mark each output folder with its module system so Node loads it right whatever the package says.
// Bundlers read `sideEffects` from the nearest package.json, which is this one, so it must repeat the
// package's `"sideEffects": false` or tree shaking of unused modules stops.
for (const name of packages) {
  for (const [folder, type] of [
    ['cjs', 'commonjs'],
    ['esm', 'module'],
  ]) {
    const dir = join(packagesDir, name, 'dist', folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type, sideEffects: false }) + '\n');
  }
}
