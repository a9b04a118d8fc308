// The published packages installed from their packed tarballs (`npm pack`) into a project outside the
// repository, as a user installs them: no workspace links. The packing and the install are
// scripts/packed-app.mjs, shared by the consumer and README tests and by `npm run release:dry`: it
// installs once per set of tarballs and keeps the install, so each test only makes a scratch project of
// its own whose node_modules is that install.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildPackagesAndDemo, repoRoot } from './support';

/** The environment without npm's own variables, so the nested npm acts like a user's. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_|^NODE_PATH$|^INIT_CWD$/i.test(key)),
  );
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...cleanEnv(), ...env },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

/**
 * `run`, started now and settled later: for independent slow steps (compiles) that a test starts together
 * and awaits one by one. Never an unhandled rejection: the error comes out where it is awaited.
 */
export function runLater(command: string, args: string[], cwd: string): () => Promise<string> {
  const pending = promisify(execFile)(command, args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout }) => ({ ok: true as const, stdout }),
    (error: { stdout?: string; stderr?: string; message: string }) => ({
      ok: false as const,
      text: `${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`,
    }),
  );
  return async () => {
    const outcome = await pending;
    if (!outcome.ok) throw new Error(outcome.text);
    return outcome.stdout;
  };
}

/** The kept install of the packed packages (read-only: tests make their own project beside it). */
export interface PackedInstall {
  /** The project the tarballs were installed into, with its package-lock.json and tarballs/. */
  readonly base: string;
  readonly nodeModules: string;
  readonly tarballs: readonly string[];
}

export interface PackedApp {
  /** This test's own project (package.json, src/, node_modules linking to the install); remove when done. */
  readonly app: string;
  readonly install: PackedInstall;
}

let install: PackedInstall | undefined;

/** Builds the packages and the demo, then packs and installs them (or reuses the kept install). */
export function packedInstall(): PackedInstall {
  if (install) return install;
  buildPackagesAndDemo();
  const out = run(process.execPath, [join(repoRoot, 'scripts', 'packed-app.mjs'), '--json'], repoRoot);
  install = JSON.parse(out) as PackedInstall;
  return install;
}

/** A new project under the system temporary directory whose packages are the packed ones. */
export function packedApp(prefix: string): PackedApp {
  const packed = packedInstall();
  const app = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(app, 'src'));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'plugboard-consumer', version: '0.0.0', private: true }, null, 2),
  );
  symlinkSync(packed.nodeModules, join(app, 'node_modules'), 'dir');
  return { app, install: packed };
}
