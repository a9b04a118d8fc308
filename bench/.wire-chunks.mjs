import { build } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
const outdir = mkdtempSync(join(tmpdir(), 'wire-'));
const { metafile } = await build({ entryPoints: ['entries/' + (process.argv[2] ?? 'plugboardAuth') + '.mjs'], bundle: true, minify: true, platform: 'browser', format: 'esm', splitting: true, outdir, metafile: true, logLevel: 'silent', tsconfigRaw: '{}', external: ['node:*'] });
for (const [f, o] of Object.entries(metafile.outputs)) {
  if (!f.endsWith('.js')) continue;
  const gz = gzipSync(readFileSync(f)).length;
  const ins = Object.keys(o.inputs);
  const pb = ins.filter((i) => i.includes('@plugboard')).map((i) => i.replace(/.*@plugboard\//, '')).slice(0, 6);
  console.log(f.replace(/.*\//, ''), gz, o.entryPoint ?? '', 'imports:', o.imports.map((i) => i.kind[0] + ':' + i.path.replace(/.*\//, '')).join(','), '| inputs', ins.length, pb.join(' '));
}
