// Where the bytes of a bundle entry come from: builds `entries/<name>.mjs` the way the bundle-size
// measure does (measures/bundleSize.mjs: esbuild, minified, browser ESM, code splitting) and prints,
// for the initial download (the entry chunk and its static imports), every input module by the bytes
// it contributes to the minified output, with a subtotal per package and the gzip size of the chunks.
//
//   node bench/bundleShare.mjs [entry=plugboardAuth] [--all] [--package=@plugboard/core]
//
// --all lists every module (default: the 40 largest); --package keeps only one package's modules.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleEntry, entryChunk, staticClosure } from './lib/appBundle.mjs';
import { benchDir } from './lib/child.mjs';

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--')) ?? 'plugboardAuth';
const all = args.includes('--all');
const only = args.find((a) => a.startsWith('--package='))?.slice('--package='.length);

/** `@plugboard/core` for packages/core/dist/..., the npm name for node_modules/<name>/... */
function packageOf(input) {
  const local = /(?:^|\/)packages\/([^/]+)\//.exec(input);
  if (local) return `@plugboard/${local[1]}`;
  const parts = input.split('node_modules/').pop().split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const outdir = mkdtempSync(join(tmpdir(), 'plugboard-share-'));
try {
  const { outputs } = await bundleEntry(name, outdir);
  const initial = staticClosure(outputs, entryChunk(outputs, name));

  const modules = [];
  let minified = 0;
  let gzip = 0;
  for (const file of initial) {
    minified += outputs[file].bytes;
    gzip += gzipSync(readFileSync(join(benchDir, file)), { level: 9 }).length;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file].inputs)) {
      if (bytesInOutput > 0) modules.push({ input, pkg: packageOf(input), bytes: bytesInOutput });
    }
  }
  modules.sort((a, b) => b.bytes - a.bytes);
  const perPackage = new Map();
  for (const m of modules) perPackage.set(m.pkg, (perPackage.get(m.pkg) ?? 0) + m.bytes);

  console.log(
    `entry ${name}: initial download ${initial.size} chunk(s), ${minified} B minified, ${gzip} B gzip`,
  );
  console.log('\nper package (bytes in the minified initial chunks; gzip share estimated pro rata):');
  for (const [pkg, bytes] of [...perPackage].sort((a, b) => b[1] - a[1])) {
    const gzipShare = Math.round((gzip * bytes) / minified);
    console.log(`  ${String(bytes).padStart(8)}  ~${String(gzipShare).padStart(6)} gzip  ${pkg}`);
  }
  const shown = modules.filter((m) => only === undefined || m.pkg === only);
  console.log(`\nmodules${only ? ` of ${only}` : ''}:`);
  for (const m of all ? shown : shown.slice(0, 40)) {
    const short = m.input.replace(/^.*?(packages\/|node_modules\/)/, '$1');
    console.log(`  ${String(m.bytes).padStart(8)}  ${short}`);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
