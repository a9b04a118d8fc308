import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
const name = process.argv[2];
const r = await build({ entryPoints: [`/work/wt/perf/bench/entries/${name}.mjs`], absWorkingDir: '/work/wt/perf/bench', bundle: true, minify: true, platform: 'browser', format: 'esm', splitting: true, outdir: '/tmp/perfa/out-'+name, metafile: true, logLevel: 'silent', tsconfigRaw: '{}', external: ['node:*'] });
for (const [f, o] of Object.entries(r.metafile.outputs)) {
  if (!f.endsWith('.js')) continue;
  console.log(f, o.bytes, 'gz', gzipSync(readFileSync('/work/wt/perf/bench/'+f),{level:9}).length, o.imports.map(i=>i.kind+':'+i.path).join(' '));
  const ins = Object.entries(o.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0, +process.argv[3]||15);
  for (const [i, v] of ins) console.log('   ', v.bytesInOutput, i.replace(/.*node_modules\//,'nm/'));
}
