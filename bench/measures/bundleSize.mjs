// 7. Bundle size: esbuild (minified, browser, ESM, code splitting), each output file gzipped on its own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchDir } from '../lib/child.mjs';
import { row } from '../lib/row.mjs';

const entry = (name) => fileURLToPath(new URL(`../entries/${name}.mjs`, import.meta.url));

/**
 * Bundles one entry and splits its output into the initial download (the entry chunk and every chunk
 * it imports statically) and what loads later (chunks reached only through dynamic `import()`).
 * Sizes are gzip bytes, summed over files. `loaded` is what the lazy imports a use case runs add: the
 * chunks named by a dynamic `import()` whose chunk holds one of `lazyInputs` (path fragments), reached
 * from the initial download or from a chunk already loaded that way, with the chunks those import
 * statically, minus the initial download; `loadedFiles` counts those chunks (each a request).
 */
export async function bundle(name, lazyInputs = []) {
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
    const gzip = (file) => gzipSync(readFileSync(join(benchDir, file)), { level: 9 }).length;
    const start = Object.keys(outputs).find(
      (f) => outputs[f].entryPoint?.endsWith(`entries/${name}.mjs`) && f.endsWith('.js'),
    );
    const initial = new Set();
    const visit = (file) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const i of outputs[file].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    visit(start);
    const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
    const sum = (files) => files.reduce((total, f) => total + gzip(f), 0);
    // What the use case's lazy imports cost when they run: each chunk they name and every chunk that
    // one imports statically, then the wanted lazy imports of those, minus the initial download.
    const wanted = (file) =>
      Object.keys(outputs[file].inputs).some((input) => lazyInputs.some((part) => input.includes(part)));
    const loaded = new Set();
    const seen = new Set(initial);
    const walk = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (!initial.has(file)) loaded.add(file);
      for (const i of outputs[file].imports) {
        if (i.external) continue;
        if (i.kind === 'import-statement' || (i.kind === 'dynamic-import' && wanted(i.path))) walk(i.path);
      }
    };
    for (const file of initial)
      for (const i of outputs[file].imports)
        if (i.kind === 'dynamic-import' && !i.external && wanted(i.path)) walk(i.path);
    return {
      initial: sum(js.filter((f) => initial.has(f))),
      lazy: sum(js.filter((f) => !initial.has(f))),
      loaded: sum([...loaded]),
      loadedFiles: loaded.size,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** What a federation loads on first use: the plugin's runtime and the Cognito Identity client. */
const FEDERATION_LAZY = [
  'auth-cognito-plugin/dist/esm/api/runtimeModule.js',
  '/node_modules/@aws-sdk/client-cognito-identity/',
];

export async function measure() {
  const [pbHub, awsHub, pbAuth, awsAuth] = await Promise.all([
    bundle('plugboardHub'),
    bundle('awsAmplifyHub'),
    bundle('plugboardAuth', FEDERATION_LAZY),
    bundle('awsAmplifyAuth'),
  ]);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const federationLazy = pbAuth.loaded;
  if (!federationLazy) throw new Error('the Plugboard bundle has no lazily loaded chunk for a federation');
  return [
    row({
      group: 'bundleSize',
      name: 'bundle: federation download, initial + lazy fetched',
      plugboard: pbAuth.initial + federationLazy,
      awsAmplify: awsAuth.initial + awsAuth.lazy,
      unit: 'B gzip',
      note:
        `Plugboard: ${kb(pbAuth.initial)} initial + ${kb(federationLazy)} in ${pbAuth.loadedFiles} files loaded ` +
        `by the first calls (the plugin's runtime, the Cognito Identity client and the code they import); ` +
        `${kb(pbAuth.lazy - federationLazy)} more lazy code (user-pool client, event streams) is never fetched ` +
        `by a federation. aws-amplify: everything it bundles (${awsAuth.lazy ? kb(awsAuth.lazy) + ' of it lazy' : 'no lazy chunks'}).`,
    }),
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
      name: 'bundle: configure+federate+fetchAuthSession, initial',
      plugboard: pbAuth.initial,
      awsAmplify: awsAuth.initial,
      unit: 'B gzip',
      target: { kind: 'ratioAtMost', value: 1 / 3, label: '1/3' },
      note: 'aws-amplify configures an identity pool and fetches a guest session (it has no federate call).',
    }),
    row({
      group: 'bundleSize',
      name: 'bundle: Plugboard lazy chunks, all',
      plugboard: pbAuth.lazy,
      awsAmplify: null,
      unit: 'B gzip',
      note: 'every chunk reached only through import(): both AWS SDK clients and what they load on demand.',
    }),
  ];
}
