// How the size measures bundle an app: esbuild, minified, browser ESM with code splitting, the packages
// resolved as an app resolves them. Shared by measures/bundleSize.mjs, measures/browserBytes.mjs and
// bundleShare.mjs, so the three always look at the same output.
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';
import { benchDir } from './child.mjs';

/** Bundles `entries/<name>.mjs` into `outdir`; resolves to esbuild's metafile. */
export async function bundleEntry(name, outdir) {
  const { metafile } = await build({
    entryPoints: [fileURLToPath(new URL(`../entries/${name}.mjs`, import.meta.url))],
    absWorkingDir: benchDir,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    splitting: true,
    outdir,
    metafile: true,
    logLevel: 'silent',
    // Resolve the packages through their package.json exports (dist), as an app gets them, not through
    // the repository's tsconfig paths to the TypeScript sources.
    tsconfigRaw: '{}',
    // Plugboard's FileKeyValueStorage loads node:fs lazily, only on Node; a browser build leaves it out.
    external: ['node:*'],
  });
  return metafile;
}

/** The output file of entry `name` in `outputs` (a metafile's outputs, keyed by path). */
export function entryChunk(outputs, name) {
  return Object.keys(outputs).find(
    (f) => outputs[f].entryPoint?.endsWith(`entries/${name}.mjs`) && f.endsWith('.js'),
  );
}

/** `start` and every chunk it imports statically, directly or not: what loads before the app runs. */
export function staticClosure(outputs, start) {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(start);
  return files;
}
