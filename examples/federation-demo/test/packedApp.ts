// A fresh project outside the repository with the workspace packages installed from their packed tarballs
// (`npm pack`), as a user installs them: no workspace links. Shared by the consumer and README tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackagesAndDemo, repoRoot } from './support';

export const PACKAGES = ['core', 'auth-cognito-plugin', 'cognito-identity-emulator', 'storage-s3-plugin'];

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

export interface PackedApp {
  /** The temporary directory holding the tarballs and the app; remove it when done. */
  readonly work: string;
  /** The fresh project, with `src/` and a package.json. */
  readonly app: string;
  readonly tarballs: readonly string[];
}

/**
 * Builds and packs the packages, then installs the tarballs (and `extra` registry packages, from npm's
 * cache when it can) into a new project under the system temporary directory.
 */
export function installPackedApp(prefix: string, extra: readonly string[]): PackedApp {
  buildPackagesAndDemo();
  const work = mkdtempSync(join(tmpdir(), prefix));
  const packed = run(
    'npm',
    ['pack', '--silent', '--pack-destination', work, ...PACKAGES.map((p) => join(repoRoot, 'packages', p))],
    repoRoot,
  );
  const tarballs = packed
    .trim()
    .split(/\s+/)
    .map((name) => join(work, name));
  const app = join(work, 'app');
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'plugboard-consumer', version: '0.0.0', private: true }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, ...extra], app);
  return { work, app, tarballs };
}
