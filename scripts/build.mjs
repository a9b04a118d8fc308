// Builds every package to CommonJS (dist/cjs) and ESM (dist/esm) with declarations.
// `--clean` removes the build output (dist/ and the incremental-build state in .tsbuild/) instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'tsconfig.cjs.json')),
);

// tsc keeps its incremental state (tsBuildInfoFile) in .tsbuild/ so that it is not packed with dist/.
const FOLDERS = ['cjs', 'esm'];

if (process.argv.includes('--clean')) {
  for (const name of packages) {
    for (const folder of ['dist', '.tsbuild']) {
      rmSync(join(packagesDir, name, folder), { recursive: true, force: true });
    }
  }
  process.exit(0);
}

// `tsc -b` trusts its build info, so output deleted by hand would not come back: forget the build
// info of any output folder that is missing its entry point.
for (const name of packages) {
  for (const folder of FOLDERS) {
    if (!existsSync(join(packagesDir, name, 'dist', folder, 'index.js'))) {
      rmSync(join(packagesDir, name, '.tsbuild', `${folder}.tsbuildinfo`), { force: true });
    }
  }
}

const configs = packages.flatMap((name) =>
  FOLDERS.map((folder) => join('packages', name, `tsconfig.${folder}.json`)),
);
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
