// Builds every package to CommonJS (dist/cjs) and ESM (dist/esm) with declarations.
// `--clean` removes the build output (dist/ and the incremental-build state in .tsbuild/) instead.
// `--prepack` is how each package's `prepack` runs it (npm pack, npm publish): the same build, then a
// check that the package being packed has its entry points, so no tarball ships without dist/.
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

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  // Before `npm ci` there is no compiler; say so instead of a stack trace from the child process.
  console.error(
    `Cannot build: TypeScript is not installed in ${join(root, 'node_modules')}.\n` +
      'Run `npm ci` at the repository root first' +
      (process.argv.includes('--prepack') ? ', then pack again (npm pack builds the package first).' : '.'),
  );
  process.exit(1);
}

const configs = packages.flatMap((name) =>
  FOLDERS.map((folder) => join('packages', name, `tsconfig.${folder}.json`)),
);
try {
  execFileSync(process.execPath, [tsc, '-b', ...configs], { cwd: root, stdio: 'inherit' });
} catch {
  // tsc has printed the errors; its exit status is all the stack trace would add.
  console.error('Build failed: see the TypeScript errors above.');
  process.exit(1);
}

// tsc never deletes output: a source file moved or removed would leave its old .js/.d.ts behind, to be
// loaded by tests and packed into tarballs. Remove every output file whose source no longer exists.
const OUTPUT = /\.(d\.ts\.map|d\.ts|js\.map|js)$/;
function pruneStale(outDir, srcDir) {
  if (!existsSync(outDir)) return;
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const out = join(outDir, entry.name);
    if (entry.isDirectory()) {
      pruneStale(out, join(srcDir, entry.name));
      if (readdirSync(out).length === 0) rmSync(out, { recursive: true });
    } else if (OUTPUT.test(entry.name)) {
      const stem = join(srcDir, entry.name.replace(OUTPUT, ''));
      if (!['.ts', '.tsx', '.mts', '.cts'].some((ext) => existsSync(stem + ext))) rmSync(out);
    }
  }
}
for (const name of packages)
  for (const folder of FOLDERS)
    pruneStale(join(packagesDir, name, 'dist', folder), join(packagesDir, name, 'src'));

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

// As `prepack`, npm runs this in the package's own folder: make sure what it is about to pack is there.
if (process.argv.includes('--prepack')) {
  const missing = ['cjs', 'esm']
    .map((folder) => join(process.cwd(), 'dist', folder, 'index.js'))
    .filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`Not packing: the build did not produce ${missing.join(', ')}.`);
    process.exit(1);
  }
}
