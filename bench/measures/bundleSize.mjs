// 7. Bundle size: esbuild (minified, browser, ESM, code splitting), each output file gzipped on its own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleEntry, entryChunk, staticClosure } from '../lib/appBundle.mjs';
import { benchDir } from '../lib/child.mjs';
import { row } from '../lib/row.mjs';

/**
 * Lazy imports a federation (configure, federate, fetch the session) never makes, by the module they
 * load: the AWS SDK's identity-pool client is the escape hatch's (loaded only by `loadEscapeHatch()`),
 * the SDK's user-pool client and the plugin's user-pool and hosted-UI code serve sign-in. Every other
 * lazy chunk the app can reach is counted as fetched by a federation, so a new lazy import on the
 * federation path cannot go unnoticed (the browser-bytes measure checks the same flow in Chromium).
 */
const OFF_FEDERATION_PATH = [
  '/node_modules/@aws-sdk/client-cognito-identity/',
  '/node_modules/@aws-sdk/client-cognito-identity-provider/',
  '/auth-cognito-plugin/dist/esm/runtime/userPool.js',
  '/auth-cognito-plugin/dist/esm/clients/identityPool/SdkIdentityPoolService.js',
  '/auth-cognito-plugin/dist/esm/operations/userPool/',
  '/auth-cognito-plugin/dist/esm/clients/userPool/',
  '/auth-cognito-plugin/dist/esm/operations/hostedUi/',
  '/auth-cognito-plugin/dist/esm/hostedUi/',
];

/**
 * Bundles one entry and splits its output into the initial download (the entry chunk and every chunk
 * it imports statically) and what loads later (chunks reached only through dynamic `import()`).
 * Sizes are gzip bytes, summed over files. `federationLazy` is what the lazy imports on a federation's
 * path add: every chunk reachable from the initial download through `import()` whose target module is
 * not in {@link OFF_FEDERATION_PATH}, with what those chunks import, minus the initial download.
 */
export async function bundle(name) {
  const outdir = mkdtempSync(join(tmpdir(), 'plugboard-bench-'));
  try {
    const { outputs } = await bundleEntry(name, outdir);
    const gzip = (file) => gzipSync(readFileSync(join(benchDir, file)), { level: 9 }).length;
    const initial = staticClosure(outputs, entryChunk(outputs, name));
    const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
    const sum = (files) => files.reduce((total, f) => total + gzip(f), 0);
    const offPath = (target) => {
      const module = outputs[target].entryPoint ?? '';
      return OFF_FEDERATION_PATH.some((part) => `/${module}`.includes(part));
    };
    // Follow static imports from the initial download and every import() on the federation's path.
    const fetched = new Set();
    const walk = (file) => {
      for (const i of outputs[file].imports) {
        if (i.external || fetched.has(i.path) || initial.has(i.path)) continue;
        if (i.kind === 'dynamic-import' && offPath(i.path)) continue;
        fetched.add(i.path);
        walk(i.path);
      }
    };
    for (const file of initial) walk(file);
    const lazyModules = [...fetched]
      .map((file) => outputs[file].entryPoint)
      .filter(Boolean)
      .map((module) => module.replace(/^.*\/(node_modules|dist\/esm)\//, ''));
    return {
      initial: sum(js.filter((f) => initial.has(f))),
      lazy: sum(js.filter((f) => !initial.has(f))),
      federationLazy: sum([...fetched]),
      federationFiles: fetched.size,
      lazyModules,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function measure() {
  const [pbHub, awsHub, pbAuth, awsAuth] = await Promise.all([
    bundle('plugboardHub'),
    bundle('awsAmplifyHub'),
    bundle('plugboardAuth'),
    bundle('awsAmplifyAuth'),
  ]);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const federationLazy = pbAuth.federationLazy;
  const loadedModules = pbAuth.lazyModules.length ? pbAuth.lazyModules.join(', ') : 'nothing';
  return [
    row({
      group: 'bundleSize',
      name: 'bundle: federation download, initial + lazy fetched',
      plugboard: pbAuth.initial + federationLazy,
      awsAmplify: awsAuth.initial + awsAuth.lazy,
      unit: 'B gzip',
      note:
        `Plugboard: ${kb(pbAuth.initial)} initial + ${kb(federationLazy)} in ${pbAuth.federationFiles} lazy files (each a request) by the federation ` +
        `(${loadedModules}, with the chunks they import); ` +
        `${kb(pbAuth.lazy - federationLazy)} more lazy code (the SDK clients of the escape hatch and the user pool, ` +
        `user-pool and hosted-UI code) is never fetched by a federation. aws-amplify: everything it bundles ` +
        `(${awsAuth.lazy ? kb(awsAuth.lazy) + ' of it lazy' : 'no lazy chunks'}).`,
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
