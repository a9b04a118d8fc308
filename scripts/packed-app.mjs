// The published packages as a user gets them: each package packed with `npm pack` (its `prepack` builds
// it), and the tarballs installed, with what the README's code needs beside them, into one project
// outside the repository, from the tarballs' files alone (no workspace links).
//
// The install is the slow part (tens of seconds), so it is done once per set of tarballs and kept: the
// project lives in <system temp>/plugboard-packed-app/<key>, where the key hashes the tarballs, the extra
// packages and the Node and npm versions. Packing again with unchanged sources gives identical tarballs
// (npm fixes the file dates), hence the same key and the kept install. Concurrent callers wait for one
// install (a lock folder); a finished install is moved into place whole, so no caller sees half of one.
// Callers must not write into it: they make a project of their own whose node_modules links to it.
//
// Used by the consumer and README tests (through `node scripts/packed-app.mjs --json`) and by
// `npm run release:dry`. Set PLUGBOARD_PACKED_APP to a ready install's folder to skip packing.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_ROOT = join(tmpdir(), 'plugboard-packed-app');
const LAYOUT_VERSION = 1; // bump when the layout of a kept install changes
const STALE_LOCK_MS = 10 * 60_000;
const KEEP_MS = 24 * 3600_000;

/** The packages under packages/ that are published (not private), as { name, dir }. */
export function publishedPackages() {
  return readdirSync(join(repoRoot, 'packages'))
    .map((folder) => join(repoRoot, 'packages', folder))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }));
}

/** The version of a package installed in the repository, so the scratch app compiles with the same. */
function repoVersion(name) {
  return JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/**
 * Registry packages installed beside the tarballs: the compiler and Node types the README blocks are
 * compiled with, the DynamoDB client of the quick start, and aws-amplify for the bridge. Exact versions
 * of the repository's own install, so npm takes them from its cache.
 */
export function extraPackages() {
  return ['typescript', '@types/node', '@aws-sdk/client-dynamodb', 'aws-amplify'].map(
    (name) => `${name}@${repoVersion(name)}`,
  );
}

/** A child process without npm's own variables, so a nested npm acts like a user's. */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_|^NODE_PATH$|^INIT_CWD$/i.test(key)),
  );
  return { ...env, ...extra };
}

async function run(command, args, cwd) {
  try {
    const { stdout } = await promisify(execFile)(command, args, {
      cwd,
      env: cleanEnv(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`,
    );
  }
}

/**
 * Packs every published package into `destination` (running each `prepack`, which builds it) and
 * returns npm's report per package: { name, version, filename, files, ... } plus `tarball` (full path).
 */
export async function packPackages(destination) {
  await mkdir(destination, { recursive: true });
  const dirs = publishedPackages().map((p) => p.dir);
  // `./`-less folder names would be read as GitHub repositories; these are absolute paths.
  const out = await run('npm', ['pack', '--json', '--pack-destination', destination, ...dirs], repoRoot);
  const json = out.slice(out.indexOf('\n[') + 1 || out.indexOf('['));
  return JSON.parse(json).map((report) => ({ ...report, tarball: join(destination, report.filename) }));
}

async function keyOf(tarballs, extras) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ LAYOUT_VERSION, node: process.version, npm: await npmVersion(), extras }));
  for (const file of [...tarballs].sort()) hash.update(await readFile(file));
  return hash.digest('hex').slice(0, 20);
}

let npmVersionPromise;
function npmVersion() {
  npmVersionPromise ??= run('npm', ['--version'], repoRoot).then((v) => v.trim());
  return npmVersionPromise;
}

/** Whether the process that wrote `lock`/pid has ended (a killed run leaves its lock behind). */
async function ownerGone(lock) {
  const pid = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return false; // not written yet: the owner has just started
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

/**
 * Takes the lock folder, or waits until `ready` exists. A lock whose owner process has ended, or older
 * than STALE_LOCK_MS, is taken over.
 */
async function lockOrWait(lock, ready) {
  for (;;) {
    if (existsSync(ready)) return false;
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > STALE_LOCK_MS || (await ownerGone(lock))) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
}

/** Removes kept installs not used for a day (other keys may be in use by other checkouts: keep them). */
function pruneOld() {
  if (!existsSync(CACHE_ROOT)) return;
  for (const entry of readdirSync(CACHE_ROOT)) {
    const path = join(CACHE_ROOT, entry);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

/**
 * Packs the packages and returns the kept install of exactly those tarballs, installing it first if
 * needed: { base, nodeModules, tarballs (paths inside base), packages (npm's pack reports), cached }.
 */
export async function preparePackedApp({ log = () => {} } = {}) {
  if (process.env.PLUGBOARD_PACKED_APP) return describe(process.env.PLUGBOARD_PACKED_APP, [], true);
  await mkdir(CACHE_ROOT, { recursive: true });
  const packDir = await mkdtemp(join(CACHE_ROOT, 'pack-'));
  try {
    log('packing (each package builds first)');
    const packages = await packPackages(packDir);
    const extras = extraPackages();
    const key = await keyOf(
      packages.map((p) => p.tarball),
      extras,
    );
    const base = join(CACHE_ROOT, key);
    const ready = join(base, 'ready');
    if (!(await lockOrWait(`${base}.lock`, ready))) {
      await utimes(base, new Date(), new Date()); // in use: keep it from being pruned as old
      return describe(base, packages, true);
    }
    try {
      log(`installing the tarballs into ${base}`);
      const work = await mkdtemp(join(CACHE_ROOT, `${key}.tmp-`));
      await mkdir(join(work, 'tarballs'));
      for (const p of packages) await rename(p.tarball, join(work, 'tarballs', p.filename));
      await writeFile(
        join(work, 'package.json'),
        JSON.stringify({ name: 'plugboard-packed-app', version: '0.0.0', private: true }, null, 2) + '\n',
      );
      const specs = packages.map((p) => `./tarballs/${p.filename}`);
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs, ...extras], work);
      await writeFile(join(work, 'ready'), `${new Date().toISOString()}\n`);
      rmSync(base, { recursive: true, force: true }); // a leftover without `ready`
      await rename(work, base);
      pruneOld();
      return describe(base, packages, false);
    } finally {
      await rm(`${base}.lock`, { recursive: true, force: true });
    }
  } finally {
    await rm(packDir, { recursive: true, force: true });
  }
}

function describe(base, packages, cached) {
  const tarballDir = join(base, 'tarballs');
  return {
    base,
    nodeModules: join(base, 'node_modules'),
    tarballs: readdirSync(tarballDir).map((name) => join(tarballDir, name)),
    packages: packages.map(({ name, version, filename, files, size, unpackedSize }) => ({
      name,
      version,
      filename,
      size,
      unpackedSize,
      files: files.map((f) => f.path),
    })),
    cached,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const packed = await preparePackedApp({
    log: process.argv.includes('--json') ? () => {} : (line) => console.error(line),
  });
  console.log(JSON.stringify(packed, null, process.argv.includes('--json') ? 0 : 2));
}
