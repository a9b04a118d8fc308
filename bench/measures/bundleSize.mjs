// 7. Bundle size: esbuild (minified, browser, ESM, code splitting), each output file gzipped on its own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchDir } from '../lib/child.mjs';
import { row } from '../lib/row.mjs';

const entry = (name) => fileURLToPath(new URL(`../entries/${name}.mjs`, import.meta.url));

/**
 * Bundles one entry and splits its output into the initial download (the entry chunk and every chunk
 * it imports statically) and what loads later (chunks reached only through dynamic `import()`).
 * Sizes are gzip bytes, summed over files.
 */
export async function bundle(name) {
  const outdir = mkdtempSync(join(tmpdir(), 'plugboard-bench-'));
  try {
    const { metafile } = await build({
      entryPoints: [entry(name)],
      absWorkingDir: benchDir,
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      splitting: true,
      outdir,
      metafile: true,
      logLevel: 'silent',
      // Resolve the packages as an app would (package.json exports -> dist), not through the repo's
      // tsconfig paths to the TypeScript sources.
      tsconfigRaw: '{}',
      // Plugboard's FileKeyValueStorage loads node:fs lazily; a browser build leaves that Node-only
      // import out (it is only reached when an app uses file storage).
      external: ['node:*'],
    });
    const outputs = metafile.outputs;
    const key = (file) => relative(benchDir, file).split('\\').join('/');
    const gzip = (file) => gzipSync(readFileSync(join(benchDir, file)), { level: 9 }).length;
    const start = Object.keys(outputs).find((f) => outputs[f].entryPoint && f.endsWith('.js'));
    const initial = new Set();
    const visit = (file) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const i of outputs[file].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    visit(start);
    const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
    const sum = (files) => files.reduce((total, f) => total + gzip(f), 0);
    return {
      initial: sum(js.filter((f) => initial.has(f))),
      lazy: sum(js.filter((f) => !initial.has(f))),
      key,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function measure() {
  const [pbHub, awsHub, pbAuth, awsAuth] = await Promise.all(
    ['plugboardHub', 'awsAmplifyHub', 'plugboardAuth', 'awsAmplifyAuth'].map(bundle),
  );
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    row({
      group: 'bundleSize',
      name: 'bundle: Hub alone',
      plugboard: pbHub.initial + pbHub.lazy,
      awsAmplify: awsHub.initial + awsHub.lazy,
      unit: 'B gzip',
      target: { kind: 'below', value: 1024 },
    }),
    row({
      group: 'bundleSize',
      name: 'bundle: configure+fetchAuthSession, initial',
      plugboard: pbAuth.initial,
      awsAmplify: awsAuth.initial,
      unit: 'B gzip',
      target: { kind: 'ratioAtMost', value: 1 / 3, label: '1/3' },
      note:
        'Plugboard also federates a provider token; ' +
        `aws-amplify's bundle has ${awsAuth.lazy ? kb(awsAuth.lazy) : 'no'} lazily loaded code.`,
    }),
    row({
      group: 'bundleSize',
      name: 'bundle: Plugboard lazy SDK chunk',
      plugboard: pbAuth.lazy,
      awsAmplify: null,
      unit: 'B gzip',
      note: 'the AWS SDK Cognito Identity client, loaded by dynamic import() on the first network call.',
    }),
  ];
}
