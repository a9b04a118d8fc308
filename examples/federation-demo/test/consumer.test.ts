// Consumption as users do it: pack the published packages, install the tarballs into a fresh project
// outside the repository (no workspace links; the install is shared with the README test, see packedApp), compile a strict TypeScript consumer there and run it under CommonJS
// and ESM, load both builds in one process, and check that the packages need only what they declare.
import { builtinModules } from 'node:module';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './support';
import { packedApp, run, runLater, type PackedInstall } from './packedApp';

const PACKAGES = [
  'core',
  'auth-cognito-plugin',
  'cognito-identity-emulator',
  'aws-amplify-bridge',
  'storage-s3-plugin',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Bare module specifiers a built file loads or refers to: require(), import/export from, import(). */
function bareSpecifiers(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:require\(|import\(|\bfrom\s+|^\s*import\s+)['"]([^'"]+)['"]/gm)) {
    const spec = match[1]!;
    if (spec.startsWith('.') || spec.startsWith('/')) continue;
    found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...found];
}

describe('the packed packages, installed into a fresh project', () => {
  let app: string;
  let install: PackedInstall;
  // The two compiles check the same files under two libs; they start together in beforeAll (2 cores).
  let compiled: () => Promise<string>;
  let compiledWithoutDom: () => Promise<string>;

  beforeAll(() => {
    // The install has @types/node: this consumer is a Node app (it runs the emulator), and the AWS SDK's
    // own declarations refer to Node types, so a Node app has them anyway.
    ({ app, install } = packedApp('plugboard-consumer-'));
    const scenario = join(__dirname, 'consumer', 'scenario.ts');
    copyFileSync(scenario, join(app, 'src', 'consumer.cts'));
    copyFileSync(scenario, join(app, 'src', 'consumer.mts'));
    copyFileSync(join(__dirname, 'consumer', 'dual.mjs'), join(app, 'dual.mjs'));
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          // DOM like a typical app; the test 'compiles for a Node app without the DOM lib' checks ES2022 alone.
          lib: ['ES2022', 'DOM'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false, // the packages' declarations are checked too
          types: ['node'],
          outDir: 'dist',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
    const tsc = join(app, 'node_modules/typescript/bin/tsc');
    compiled = runLater(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    compiledWithoutDom = runLater(
      process.execPath,
      [tsc, '-p', 'tsconfig.json', '--noEmit', '--lib', 'ES2022'],
      app,
    );
  }, 180_000);

  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('installs from the tarballs alone, with no link into the repository', () => {
    expect(install.tarballs.map((t) => relative(join(install.base, 'tarballs'), t)).sort()).toEqual([
      'plugboard-auth-cognito-plugin-0.1.0.tgz',
      'plugboard-aws-amplify-bridge-0.1.0.tgz',
      'plugboard-cognito-identity-emulator-0.1.0.tgz',
      'plugboard-core-0.1.0.tgz',
      'plugboard-storage-s3-plugin-0.1.0.tgz',
    ]);
    expect(relative(repoRoot, app).startsWith('..')).toBe(true);
    expect(relative(repoRoot, install.base).startsWith('..')).toBe(true);
    const lock = readFileSync(join(install.base, 'package-lock.json'), 'utf8');
    expect(lock).not.toContain('"link": true');
    for (const name of PACKAGES)
      expect(lock).toContain(`"@plugboard/${name}": "file:tarballs/plugboard-${name}-0.1.0.tgz"`);
    // The plugin's (and the bridge's) dependency on core is satisfied by the installed tarball, not a
    // second copy.
    for (const dependent of ['auth-cognito-plugin', 'aws-amplify-bridge'])
      expect(() =>
        readFileSync(
          join(app, `node_modules/@plugboard/${dependent}/node_modules/@plugboard/core/package.json`),
        ),
      ).toThrow();
  });

  it('compiles a strict consumer with module nodenext (CJS and ESM entry files)', async () => {
    await compiled();
    expect(readFileSync(join(app, 'dist', 'consumer.cjs'), 'utf8')).toMatch(/require\("@plugboard\/core"\)/);
    expect(readFileSync(join(app, 'dist', 'consumer.mjs'), 'utf8')).toMatch(/from '@plugboard\/core'/);
  }, 60_000);

  // The packages' declarations name no DOM type (WebKeyValueStorage takes core's own WebStorageLike, not
  // the DOM `Storage`), so a Node app without the DOM lib and with skipLibCheck off compiles against them.
  it('compiles for a Node app without the DOM lib', async () => {
    await compiledWithoutDom();
  }, 60_000);

  it('runs the consumer under CommonJS', () => {
    expect(run(process.execPath, ['dist/consumer.cjs'], app)).toMatch(/^consumer ok: identity us-east-1:/);
  }, 30_000);

  it('runs the consumer under ESM', () => {
    expect(run(process.execPath, ['dist/consumer.mjs'], app)).toMatch(/^consumer ok: identity us-east-1:/);
  }, 30_000);

  it('has one Amplify and one Hub when require and import load the packages in one process', () => {
    expect(run(process.execPath, ['dual.mjs'], app)).toMatch(/^dual ok/);
  }, 30_000);

  it('needs nothing at run time or in its declarations beyond its declared dependencies', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const name of PACKAGES) {
      const root = join(app, 'node_modules', '@plugboard', name);
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const allowed = new Set([
        manifest.name,
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      for (const file of filesUnder(join(root, 'dist')).filter((f) => /\.(js|d\.ts)$/.test(f))) {
        for (const spec of bareSpecifiers(readFileSync(file, 'utf8'))) {
          seen.add(spec);
          if (!allowed.has(spec) && !builtins.has(spec))
            problems.push(`${relative(app, file)} needs ${spec}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...seen]).toEqual(
      expect.arrayContaining(['@plugboard/core', '@aws-sdk/client-cognito-identity', 'jose', 'node:http']),
    );
  });
});
