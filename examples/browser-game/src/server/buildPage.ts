/** Bundles the page with esbuild, as an app would: browser platform, ESM, minified, packages from their builds. */
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The example's folder, from src/server (ts-jest) or dist/server (compiled). */
export const exampleDir = join(__dirname, '..', '..');

/** Writes index.html and main.js (plus any split chunks) to `outdir`. */
export async function buildPage(outdir: string): Promise<void> {
  const repoRoot = join(exampleDir, '..', '..');
  for (const pkg of ['core', 'auth-cognito-plugin']) {
    if (!existsSync(join(repoRoot, 'packages', pkg, 'dist', 'esm', 'index.js'))) {
      throw new Error(`packages/${pkg} is not built: run \`npm run build\` at the repository root first.`);
    }
  }
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { main: join(exampleDir, 'src', 'page', 'main.ts') },
    absWorkingDir: exampleDir,
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: 'browser',
    format: 'esm',
    splitting: true,
    target: 'es2022',
    outdir,
    logLevel: 'warning',
    // The packages resolve through their package.json exports to dist/, not to the TypeScript sources.
    tsconfigRaw: '{}',
  });
  copyFileSync(join(exampleDir, 'src', 'page', 'index.html'), join(outdir, 'index.html'));
}
